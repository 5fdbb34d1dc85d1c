import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { liftSuspension } from '../services/terminal-limits.ts';
import { createEnrollment, ENROLLMENT_CODE_TTL_MS, usesAtTerminal } from '../services/terminals.ts';

const TerminalParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);
const unknownTerminal = { error: { code: 'unknown-terminal', message: 'No such terminal' } };

/**
 * The fleet page's security actions: what a terminal opened, lifting a suspension, and a new
 * enrollment code (re-enrollment through kiosk-shell gives a terminal its device key; every write
 * here lands in the audit trail, http/admin-audit.ts).
 */
export const fleetRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { preHandler: requireStaff(ctx, 'admin') };
  const security = [{ staffSession: [] }];
  const tags = ['admin'];
  const exists = async (id: string) => (await ctx.db.selectFrom('terminals').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  app.get(
    '/admin/terminals/:id/certificate-uses',
    {
      ...admin,
      schema: {
        summary: 'The newest certificate uses at a terminal (type, action, purpose, time), never whose',
        tags,
        security,
        params: TerminalParams,
        response: { 200: Type.Object({ uses: Type.Array(Type.Object({ at: Type.String(), certificateType: Type.String(), action: Type.String(), purpose: Type.String() }, Strict)) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      if (!(await exists(request.params.id))) return reply.code(404).send(unknownTerminal);
      return { uses: await usesAtTerminal(ctx, request.params.id) };
    },
  );

  app.post(
    '/admin/terminals/:id/resume',
    {
      ...admin,
      schema: {
        summary: 'Lift a terminal’s suspension after looking at its alerts; its identity limits count afresh from now',
        tags,
        security,
        params: TerminalParams,
        response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => ((await liftSuspension(ctx, request.params.id)) ? { ok: true as const } : reply.code(404).send(unknownTerminal)),
  );

  app.post(
    '/admin/terminals/:id/enrollment',
    {
      ...admin,
      schema: {
        summary: 'A one-time code to enroll the terminal again (valid 24 h): through kiosk-shell, the terminal gets a new device key and its old credentials end',
        tags,
        security,
        params: TerminalParams,
        response: { 200: Type.Object({ code: Type.String(), expiresAt: Type.String() }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const terminal = await ctx.db.selectFrom('terminals').select('name').where('id', '=', request.params.id).executeTakeFirst();
      if (!terminal) return reply.code(404).send(unknownTerminal);
      const { code } = await createEnrollment(ctx, terminal.name);
      return { code, expiresAt: new Date(ctx.clock.now() + ENROLLMENT_CODE_TTL_MS).toISOString() };
    },
  );
};
