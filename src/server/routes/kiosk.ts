import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { KioskConfig } from '../../core/kiosk-config.ts';
import type { HallContext } from '../context.ts';
import { databaseHealthCheck } from '../db/health.ts';
import { Localized, Strict } from '../http/schemas.ts';
import { terminalByToken } from '../services/terminals.ts';
import { adminPinRoutes } from './admin-pin.ts';
import { offlinePinHash } from '../services/admin-pin.ts';

/** Why the database cannot serve: unreachable, refusing writes, or out of space. */
const DatabaseFaultSchema = Type.Union([Type.Literal('unavailable'), Type.Literal('read-only'), Type.Literal('disk-full')]);

const KioskConfigSchema = Type.Object(
  {
    hallName: Localized,
    idleSeconds: Type.Integer(),
    adminPinHash: Type.Union([Type.String(), Type.Null()]),
    voicePrompts: Type.Union([Type.Literal('always'), Type.Literal('elder'), Type.Literal('off')]),
    cardRemovalEndsSession: Type.Boolean(),
    pinnedNow: Type.Union([Type.String(), Type.Null()]),
  },
  Strict,
);

export const kioskRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  const databaseHealth = databaseHealthCheck(ctx);
  app.get(
    '/health',
    {
      schema: {
        summary: 'Whether the hall server can serve: its database answers a query and takes a write (503 when not, with the reason)',
        tags: ['kiosk'],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), time: Type.String() }, Strict),
          503: Type.Object({ status: Type.Literal('unavailable'), database: DatabaseFaultSchema, time: Type.String() }, Strict),
        },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const database = await databaseHealth();
      const time = new Date(ctx.clock.now()).toISOString();
      if (database === 'ok') return { status: 'ok' as const, database, time };
      return reply.code(503).send({ status: 'unavailable' as const, database, time });
    },
  );

  app.get(
    '/kiosk/config',
    {
      schema: {
        summary: 'Settings of the kiosk PWA: hall name, idle timeout, voice, pinned clock; an enrolled terminal also gets its own offline copy of the admin PIN hash',
        description:
          'adminPinHash is never the hall’s hash: it is this terminal’s copy (pbkdf2-sha256-terminal, salted per terminal and stretched; core/admin-pin.ts), ' +
          'for checking the PIN while the hall cannot be reached; null without a valid device token, and while the hall is still making the stretch (the kiosk keeps the copy it had). ' +
          'Online, the kiosk checks the PIN with POST /kiosk/admin-pin.',
        tags: ['kiosk'],
        security: [{ deviceToken: [] }, {}],
        response: { 200: KioskConfigSchema },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(request.headers.authorization ?? '')?.[1];
      const terminal = token ? await terminalByToken(ctx, token) : null;
      const body: KioskConfig = {
        ...ctx.config.kiosk,
        adminPinHash: terminal ? await offlinePinHash(ctx, terminal) : null,
        pinnedNow: ctx.config.pinned ? new Date(ctx.clock.now()).toISOString() : null,
      };
      return body;
    },
  );
  // The admin PIN check is a plugin of its own (admin-pin.ts): rate-limited, and with its own lockout.
  await app.register(adminPinRoutes(ctx));
};
