import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { HallContext } from './context.ts';
import type { LogLevel } from './config.ts';
import { crossOriginRefused, installAdminAudit } from './http/admin-audit.ts';
import { refuseCrossOriginWrites, STAFF_COOKIE } from './http/auth.ts';
import { installErrorHandling } from './http/errors.ts';
import { hallLoggerOptions, installRequestLogging, type LogDestination } from './http/logging.ts';
import { httpTimeoutOptions, type HttpTimeouts } from './http/timeouts.ts';
import { adminRoutes } from './routes/admin.ts';
import { caseBatchRoutes } from './routes/case-batch.ts';
import { caseRoutes } from './routes/cases.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { displayRoutes } from './routes/display.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { fleetRoutes } from './routes/fleet.ts';
import { identityRoutes } from './routes/identity.ts';
import { kioskRoutes } from './routes/kiosk.ts';
import { staffRoutes } from './routes/staff.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { terminalRoutes } from './routes/terminals.ts';
import { ticketRoutes } from './routes/tickets.ts';

export interface ServerOptions {
  ctx: HallContext;
  /** The built PWA (vite build output). */
  webRoot: string;
  /** true: the hall's log on stderr at the configured level (http/logging.ts); a destination: there instead (tests). */
  logger?: boolean | { destination: LogDestination; level?: LogLevel };
  /** Shorter client timeouts, for tests that cannot wait for the real ones. */
  timeouts?: Partial<HttpTimeouts>;
}

export const API_PREFIX = '/api/v1';
/** Large enough for any form a citizen fills in, small enough that no request can flood memory. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The kiosk may talk to its own origin and to kiosk-shell's bridge on loopback, nothing else. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

declare module 'fastify' {
  interface FastifyInstance {
    /** Method and URL of every API route, for the test that keeps the OpenAPI document complete. */
    apiRoutes: string[];
  }
}

export async function buildServer({ ctx, webRoot, logger = false, timeouts }: ServerOptions): Promise<FastifyInstance> {
  const root = resolve(webRoot);
  if (!existsSync(resolve(root, 'index.html'))) throw new Error(`The PWA is not built: ${root}/index.html is missing (npm run build)`);

  const app = Fastify({
    logger: logger === false ? false : logger === true ? hallLoggerOptions(ctx.config.logLevel) : hallLoggerOptions(logger.level ?? ctx.config.logLevel, logger.destination),
    // Only refusals, failures and named events are logged (http/logging.ts), not every request.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    ...httpTimeoutOptions(timeouts),
    // Unknown fields are refused, not silently dropped: a client that sends them has a bug.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  const apiRoutes: string[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.decorateRequest('terminal', null);
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.method !== 'HEAD') apiRoutes.push(`${String(route.method)} ${route.url}`);
  });
  // A callback hook, not an async one: it runs for every response, and a promise per response is
  // measurable at a thousand tickets per second.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    done(null, payload);
  });
  installErrorHandling(app);
  installRequestLogging(app);
  installAdminAudit(app, ctx);
  app.addHook('onRequest', refuseCrossOriginWrites(crossOriginRefused(ctx)));

  await app.register(fastifyCookie);
  // Only the routes that ask for it are limited (http/request-limits.ts), each with its own counters.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'kiosk24 hall server', version: '1', description: 'API of the hall server for self-service terminals, window staff and hall displays.' },
      components: {
        securitySchemes: {
          deviceToken: { type: 'http', scheme: 'bearer', description: 'Device token from POST /api/v1/terminals/enroll' },
          staffSession: { type: 'apiKey', in: 'cookie', name: STAFF_COOKIE },
        },
      },
    },
  });

  await app.register(
    async (api) => {
      for (const routes of [kioskRoutes, terminalRoutes, catalogRoutes, ticketRoutes, staffRoutes, displayRoutes, adminRoutes, fleetRoutes, identityRoutes, certificateRoutes, caseRoutes, caseBatchRoutes, evaluationRoutes, supervisionRoutes]) {
        await api.register(routes(ctx));
      }
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );

  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    // Hashed assets never change; everything else (index.html, sw.js, manifest) must be
    // revalidated so a terminal finds a new version.
    setHeaders(response, path) {
      const immutable = path.startsWith(resolve(root, 'assets'));
      response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The hall's own pages: built next to the kiosk PWA, served at short addresses.
  const pages: [string, string][] = [
    ['/staff', 'staff'],
    ['/display', 'display'],
    ['/admin', 'admin'],
    ['/admin/fleet', 'admin'],
    ['/admin/demo-code', 'admin'],
    ['/admin/supervision', 'admin'],
    ['/admin/audit', 'admin'],
    ['/track/:token', 'track'],
    ['/verify/:copyId', 'verify'],
    ['/evaluate/:kind/:token', 'evaluate'],
    ['/case/:token', 'case'],
    ['/admin/evaluations', 'admin'],
  ];
  for (const [url, page] of pages) {
    app.get(url, { schema: { hide: true } }, (_request, reply) => reply.sendFile(`src/pages/${page}/index.html`));
  }
  return app;
}
