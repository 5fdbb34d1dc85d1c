import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { KioskConfig } from '../core/kiosk-config.ts';
import type { HallConfig } from './config.ts';

export interface ServerOptions {
  config: HallConfig;
  /** The built PWA (vite build output). */
  webRoot: string;
  logger?: boolean;
}

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

const kioskConfigSchema = {
  type: 'object',
  required: ['hallName', 'idleSeconds', 'adminPinHash', 'voicePrompts', 'pinnedNow'],
  additionalProperties: false,
  properties: {
    hallName: {
      type: 'object',
      required: ['zh-CN', 'zh-TW', 'en'],
      additionalProperties: false,
      properties: { 'zh-CN': { type: 'string' }, 'zh-TW': { type: 'string' }, en: { type: 'string' } },
    },
    idleSeconds: { type: 'integer' },
    adminPinHash: { type: 'string' },
    voicePrompts: { type: 'string', enum: ['always', 'elder', 'off'] },
    pinnedNow: { type: ['string', 'null'] },
  },
} as const;

export async function buildServer({ config, webRoot, logger = false }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 64 * 1024 });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });

  app.get('/api/v1/health', async () => ({ status: 'ok', time: new Date(config.clock.now()).toISOString() }));

  app.get('/api/v1/kiosk/config', { schema: { response: { 200: kioskConfigSchema } } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const body: KioskConfig = {
      ...config.kiosk,
      pinnedNow: config.pinned ? new Date(config.clock.now()).toISOString() : null,
    };
    return body;
  });

  const root = resolve(webRoot);
  if (!existsSync(resolve(root, 'index.html'))) throw new Error(`The PWA is not built: ${root}/index.html is missing (npm run build)`);
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    // Hashed assets never change; everything else (index.html, sw.js, manifest) must be
    // revalidated so a terminal finds a new version.
    setHeaders(response, path) {
      const immutable = path.includes(`${resolve(root, 'assets')}`);
      response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'not-found', message: `No such resource: ${request.method} ${request.url.split('?')[0]}` } });
  });
  return app;
}
