import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { KioskConfig } from '../../core/kiosk-config.ts';
import type { HallContext } from '../context.ts';
import { Localized, Strict } from '../http/schemas.ts';

const KioskConfigSchema = Type.Object(
  {
    hallName: Localized,
    idleSeconds: Type.Integer(),
    adminPinHash: Type.String(),
    voicePrompts: Type.Union([Type.Literal('always'), Type.Literal('elder'), Type.Literal('off')]),
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
    { schema: { summary: 'Settings of the kiosk PWA: hall name, idle timeout, admin PIN hash, voice, pinned clock', tags: ['kiosk'], response: { 200: KioskConfigSchema } } },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const body: KioskConfig = { ...ctx.config.kiosk, pinnedNow: ctx.config.pinned ? new Date(ctx.clock.now()).toISOString() : null };
      return body;
    },
  );
};
