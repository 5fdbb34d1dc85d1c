import { fileURLToPath } from 'node:url';
import { readHallConfig } from './config.ts';
import { openHall, type Hall } from './hall.ts';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));

/** Starts the hall server on DATABASE_URL (or the embedded SQLite file) and prints where it is. */
export async function serve(options: { port?: number; demo?: boolean } = {}): Promise<Hall> {
  const config = readHallConfig();
  if (options.port !== undefined) config.port = options.port;
  const webRoot = process.env.KIOSK_WEB_ROOT || DEFAULT_WEB_ROOT;
  // The log goes to stderr (KIOSK_LOG_LEVEL); stdout keeps the one JSON line below for scripts.
  const hall = await openHall({ config, webRoot, databaseUrl: process.env.DATABASE_URL, demo: options.demo ?? false, logger: true });
  const address = await hall.app.listen({ host: config.host, port: config.port });
  const url = `${address.replace('0.0.0.0', '127.0.0.1')}/`;
  console.log(JSON.stringify({ kiosk: url }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void hall.close().then(() => process.exit(0)));
  }
  return hall;
}
