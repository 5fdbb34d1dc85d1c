/**
 * `npm run shell -- [options]`: starts the device bridge and the devices, prints
 * `{"bridge":"ws://127.0.0.1:N"}` as the first line on stdout (scripts read it), and logs to stderr.
 */
import { createInterface } from 'node:readline';
import { DEMO_CARDS } from './drivers/sam-reader/demo-cards.ts';
import { kioskUrl, parseShellOptions, USAGE } from './options.ts';
import { isDemoCardName, startShell, type Shell } from './shell.ts';

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** With `--reader sim`, lines on stdin insert and remove demo cards, as a citizen would. */
function controlSimulatorFromStdin(shell: Shell): void {
  const simulator = shell.simulator;
  if (!simulator) return;
  const names = Object.keys(DEMO_CARDS).join('|');
  log(`reader simulator: type "insert <${names}>" or "remove" and Enter`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, name = 'citizen'] = line.trim().split(/\s+/);
    if (command === 'insert' && isDemoCardName(name)) {
      simulator.insert(name);
      log(`reader simulator: demo card "${name}" inserted`);
    } else if (command === 'remove') {
      simulator.remove();
      log('reader simulator: card removed');
    } else if (command) {
      log(`reader simulator: unknown command (insert <${names}> | remove)`);
    }
  });
}

async function main(): Promise<number> {
  const parsed = parseShellOptions(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`kiosk-shell: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!options.noBrowser) log('the Chromium launcher is not available yet: running as --no-browser');
  let shell: Shell;
  try {
    shell = await startShell(options, { log });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`kiosk-shell: cannot start the bridge on 127.0.0.1:${options.bridgePort}${code ? ` (${code})` : ''}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ bridge: shell.bridgeUrl })}\n`);
  // The URL carries the token: it goes to the operator's terminal, never to a log file.
  process.stderr.write(`kiosk URL: ${kioskUrl(options.origin, shell.bridgeUrl, shell.token)}\n`);
  controlSimulatorFromStdin(shell);
  const stop = async (signal: string) => {
    log(`stopping (${signal})`);
    await shell.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

const code = await main();
if (code >= 0) process.exit(code);
