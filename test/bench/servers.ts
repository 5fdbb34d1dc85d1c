import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { readHallConfig } from '../../src/server/config.ts';
import type { HallContext } from '../../src/server/context.ts';
import { openHall } from '../../src/server/hall.ts';
import { mintDemoCode, type MintOptions } from '../../src/server/services/identity-codes.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';

export interface RunningServer {
  /** With a trailing slash: the page to open. */
  url: string;
  close(): Promise<void>;
}

export interface HallServer extends RunningServer {
  /** The hall's own context, for looking into its database after a measurement. */
  ctx: HallContext;
  /** Its HTTP server, for timing requests from their arrival to their last byte sent. */
  http: Server;
  /** A one-time code for `#enroll=`, as `npm run hall -- enroll <name>` prints it. */
  enrollmentCode(terminalName: string): Promise<string>;
  /** An identity code of the demo provider, as a citizen's phone would show it. */
  mintCode(options: MintOptions): Promise<string>;
}

export interface HallServerOptions {
  /** Default: an in-memory SQLite database. */
  databaseUrl?: string;
  /** KIOSK_NOW: the hall's clock stands still at this instant (and the kiosk's follows it). */
  now?: string;
}

/** The real hall server (demo hall), as terminals use it, on a free loopback port. */
export async function startHallServer(webRoot: string, options: HallServerOptions = {}): Promise<HallServer> {
  const env = { PORT: '0', ...(options.now ? { KIOSK_NOW: options.now } : {}) };
  const hall = await openHall({ config: readHallConfig(env), webRoot, databaseUrl: options.databaseUrl ?? 'sqlite::memory:', demo: true });
  const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${address}/`,
    ctx: hall.ctx,
    http: hall.app.server,
    close: () => hall.close(),
    enrollmentCode: async (terminalName) => (await createEnrollment(hall.ctx, terminalName)).code,
    mintCode: (options) => mintDemoCode(hall.ctx, options),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
};

/** The file a request path names inside root, or null; never a path outside root. */
function resolveFile(root: string, urlPath: string): string | null {
  const relative = normalize(decodeURIComponent(urlPath.split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
  const file = join(root, relative.endsWith('/') ? `${relative}index.html` : relative);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/** A plain static server for the blank reference page: as little server as possible. */
export async function startStaticServer(root: string): Promise<RunningServer> {
  const server: Server = createServer((request, response) => {
    const file = resolveFile(root, request.url ?? '/');
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
