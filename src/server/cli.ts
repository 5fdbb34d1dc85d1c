import { hashPin, PIN_PATTERN } from '../core/admin-pin.ts';
import { ConfigError, readHallConfig } from './config.ts';
import { createContext } from './context.ts';
import { connectDatabase, migrateToLatest } from './db/connect.ts';
import { seedDemo } from './demo/seed.ts';
import { serve } from './serve.ts';
import { createEnrollment } from './services/terminals.ts';

const USAGE = `usage: npm run hall -- <command>
  serve [--port N]       start the hall server (API, kiosk PWA, staff, display and admin pages)
  migrate                bring the database (DATABASE_URL, or data/kiosk24.sqlite) to the latest schema
  seed-demo              fill the database with the fictional demo hall
  enroll <terminal-name> print a one-time enrollment code for a terminal as JSON {"code": "..."}
  hash-pin <pin>         print the hash to put in KIOSK_ADMIN_PIN_HASH (4-12 digits)`;

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

/** Runs `task` on the migrated database, then closes it. */
async function withDatabase(task: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<void>): Promise<void> {
  const database = connectDatabase(process.env.DATABASE_URL);
  const { db, dialect } = database;
  try {
    await migrateToLatest(database);
    await task(await createContext(readHallConfig(), db, dialect));
  } finally {
    await db.destroy();
  }
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'serve':
      await serve({ port: readPortOption(rest) });
      return;
    case 'migrate':
      return withDatabase(async () => console.log('database is at the latest schema'));
    case 'seed-demo':
      return withDatabase(async (ctx) => {
        await seedDemo(ctx);
        console.log('demo hall seeded: 示例市政务服务中心');
      });
    case 'enroll': {
      const name = rest[0]?.trim();
      if (!name || name.length > 64) fail('usage: npm run hall -- enroll <terminal-name> (1-64 characters)');
      return withDatabase(async (ctx) => {
        const { code } = await createEnrollment(ctx, name);
        console.log(JSON.stringify({ code }));
      });
    }
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
