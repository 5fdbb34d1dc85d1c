import { fileURLToPath } from 'node:url';
import { buildServer } from './app.ts';
import { readHallConfig } from './config.ts';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));

/** Starts the hall server and prints where the kiosk page is. */
export async function serve(options: { port?: number; webRoot?: string } = {}): Promise<void> {
  const config = readHallConfig();
  if (options.port !== undefined) config.port = options.port;
  const app = await buildServer({ config, webRoot: options.webRoot ?? DEFAULT_WEB_ROOT });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('0.0.0.0', '127.0.0.1');
  console.log(JSON.stringify({ kiosk: `${url}/` }));
  console.log(`kiosk24 hall server: open ${url}/ in Chromium (Ctrl+C stops)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}
