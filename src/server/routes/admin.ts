import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { fleet, revokeTerminal } from '../services/terminals.ts';

const FleetEntry = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    enrolled: Type.Boolean(),
    revoked: Type.Boolean(),
    lastHeartbeatAt: Type.Union([Type.String(), Type.Null()]),
    stale: Type.Boolean(),
    appVersion: Type.Union([Type.String(), Type.Null()]),
    devices: Type.Record(Type.String(), Type.String()),
    paper: Type.Union([Type.String(), Type.Null()]),
    outboxDepth: Type.Union([Type.Integer(), Type.Null()]),
    lastErrorCode: Type.Union([Type.String(), Type.Null()]),
  },
  Strict,
);

export const adminRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { preHandler: requireStaff(ctx, 'admin') };
  const security = [{ staffSession: [] }];

  app.get(
    '/admin/terminals',
    { ...admin, schema: { summary: 'Every terminal with its last heartbeat (stale after 2 minutes), paper, outbox and version', tags: ['admin'], security, response: { 200: Type.Array(FleetEntry), ...errorResponses } } },
    async () => fleet(ctx),
  );

  app.post(
    '/admin/terminals/:id/revoke',
    {
      ...admin,
      schema: { summary: 'Revoke the device token of a terminal', tags: ['admin'], security, params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict), response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...errorResponses } },
    },
    async (request, reply) =>
      (await revokeTerminal(ctx, request.params.id)) ? { ok: true as const } : reply.code(404).send({ error: { code: 'unknown-terminal', message: 'No such terminal' } }),
  );
};
