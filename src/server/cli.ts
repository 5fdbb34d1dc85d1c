import { readFile } from 'node:fs/promises';
import { hashPin, PIN_PATTERN } from '../core/admin-pin.ts';
import { ConfigError, readHallConfig } from './config.ts';
import { createContext } from './context.ts';
import { connectDatabase, migrateToLatest } from './db/connect.ts';
import { findDemoHolder } from './demo/identity-codes.ts';
import { seedDemo } from './demo/seed.ts';
import { serve } from './serve.ts';
import { mintDemoCode } from './services/identity-codes.ts';
import { trustProvider } from './services/identity-providers.ts';
import { createEnrollment } from './services/terminals.ts';
import { verifyUsageLog } from './services/usage-log.ts';

const USAGE = `usage: npm run hall -- <command>
  serve [--port N]       start the hall server (API, kiosk PWA, staff, display and admin pages)
  migrate                bring the database (DATABASE_URL, or data/kiosk24.sqlite) to the latest schema
  seed-demo              fill the database with the fictional demo hall
  enroll <terminal-name> print a one-time enrollment code for a terminal as JSON {"code": "..."}
  hash-pin <pin>         print the hash to put in KIOSK_ADMIN_PIN_HASH (4-12 digits)
  trust-provider <issuer> <jwks-file>
                         trust an identity-code provider: its issuer (https://…) and public keys (JWKS, ES256)
  mint-code <id-number|credit-code|holder> [--expired|--early]
                         print an identity code of the demo provider for a fictional holder of the demo hall
  verify-usage-log       recompute the hash chain of the certificate usage log; exit 1 naming the first altered or deleted row`;

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
    case 'trust-provider':
      return trustProviderCommand(rest);
    case 'mint-code':
      return mintCodeCommand(rest);
    case 'verify-usage-log':
      return withDatabase(async (ctx) => {
        const verdict = await verifyUsageLog(ctx.db);
        if (verdict.ok) {
          console.log(`usage log intact: ${verdict.rows} rows, hash chain verified`);
          return;
        }
        console.error(`usage log broken: row ${verdict.seq} ${verdict.problem === 'deleted' ? 'was deleted' : 'was altered'}`);
        process.exitCode = 1;
      });
    default:
      fail(USAGE);
  }
}

async function trustProviderCommand([issuer, file]: string[]): Promise<void> {
  if (!issuer || !file) fail('usage: npm run hall -- trust-provider <issuer> <jwks-file>');
  let jwks: unknown;
  try {
    jwks = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    fail(`cannot read a JWKS from ${file}: ${(error as Error).message}`);
  }
  return withDatabase(async (ctx) => {
    const trusted = await trustProvider(ctx.db, issuer, jwks, ctx.clock.now());
    if (!trusted.ok) fail(`not trusted: ${trusted.error.message}`);
    console.log(JSON.stringify({ issuer: trusted.value.issuer, kids: trusted.value.keys.map((key) => key.kid) }));
  });
}

/** `--expired` and `--early` make codes that a terminal must refuse, for trying the refusals by hand. */
async function mintCodeCommand([subject, flag]: string[]): Promise<void> {
  const holder = subject ? findDemoHolder(subject) : undefined;
  if (!holder) fail('usage: npm run hall -- mint-code <id-number|credit-code|holder> [--expired|--early]; the holder must be one of the demo hall');
  const issuedAtOffsetS = flag === '--expired' ? -600 : flag === '--early' ? 600 : 0;
  if (flag !== undefined && issuedAtOffsetS === 0) fail('the only options are --expired and --early');
  return withDatabase(async (ctx) => {
    console.log(await mintDemoCode(ctx, { subject: holder.subject, name: holder.name, issuedAtOffsetS }));
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(error instanceof ConfigError ? `configuration: ${error.message}` : String(error));
});
