import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { KioskConfig } from '../../core/kiosk-config.ts';
import type { HallContext } from '../context.ts';
import { Localized, Strict } from '../http/schemas.ts';
import { terminalByToken } from '../services/terminals.ts';

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

  app.get(
    '/health',
    { schema: { summary: 'Liveness of the hall server and its database', tags: ['kiosk'], response: { 200: Type.Object({ status: Type.Literal('ok'), time: Type.String() }, Strict) } } },
    async () => {
      await ctx.db.selectFrom('hall_settings').select('key').limit(1).execute();
      return { status: 'ok' as const, time: new Date(ctx.clock.now()).toISOString() };
    },
  );

  app.get(
    '/kiosk/config',
    {
      schema: {
        summary: 'Settings of the kiosk PWA: hall name, idle timeout, voice, pinned clock; the admin PIN hash only for an enrolled terminal',
        tags: ['kiosk'],
        security: [{ deviceToken: [] }, {}],
        response: { 200: KioskConfigSchema },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(request.headers.authorization ?? '')?.[1];
      const enrolled = token ? (await terminalByToken(ctx, token)) !== null : false;
      const body: KioskConfig = {
        ...ctx.config.kiosk,
        adminPinHash: enrolled ? ctx.config.kiosk.adminPinHash : null,
        pinnedNow: ctx.config.pinned ? new Date(ctx.clock.now()).toISOString() : null,
      };
      return body;
    },
  );
};
