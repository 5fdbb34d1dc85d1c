import { hashPin, PIN_PATTERN } from '../core/admin-pin.ts';
import { ConfigError } from './config.ts';
import { serve } from './serve.ts';

const USAGE = `usage: npm run hall -- <command>
  serve [--port N]   start the hall server (API and the kiosk PWA)
  hash-pin <pin>     print the hash to put in KIOSK_ADMIN_PIN_HASH (4-12 digits)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readPortOption(args: string[]): number | undefined {
  const index = args.indexOf('--port');
  if (index === -1) return undefined;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port takes a number from 0 to 65535');
  return port;
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'serve':
      return serve({ port: readPortOption(rest) });
    case 'hash-pin': {
      const pin = rest[0] ?? '';
      if (!PIN_PATTERN.test(pin)) fail('The PIN must be 4 to 12 digits.');
      console.log(await hashPin(pin));
      return;
    }
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(error instanceof ConfigError ? `configuration: ${error.message}` : String(error));
});
