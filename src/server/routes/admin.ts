import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '../../core/audit-wire.ts';
import { requireStaff } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { listAudit } from '../services/audit.ts';
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
    keyBound: Type.Boolean({ description: 'Enrolled by kiosk-shell with a device key: only such a terminal can identify citizens by ID card' }),
    suspended: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }, Strict), Type.Null()]),
    alerts: Type.Array(Type.Object({ at: Type.String(), kind: Type.String(), observed: Type.Integer(), limit: Type.Integer() }, Strict)),
    certificateUses24h: Type.Integer(),
  },
  Strict,
);

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** core/audit-wire.ts AuditEntryView. */
const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ description: 'ISO instant' }),
    actorKind: Type.Union([Type.Literal('staff'), Type.Literal('terminal'), Type.Literal('system')]),
    actorId: Nullable(Type.String()),
    actorName: Nullable(Type.String({ description: 'Username or terminal name' })),
    action: Type.String({ description: 'e.g. staff.login, staff.lockout, terminal.revoke' }),
    target: Nullable(Type.String()),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('refused')]),
    detail: Nullable(Type.String({ description: 'A stable code saying why, e.g. wrong-password' })),
    clientAddress: Nullable(Type.String()),
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
      schema: { summary: 'Revoke the device token of a terminal (recorded in the audit trail)', tags: ['admin'], security, params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict), response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...errorResponses } },
    },
    async (request, reply) => {
      if (!(await revokeTerminal(ctx, request.params.id))) return reply.code(404).send({ error: { code: 'unknown-terminal', message: 'No such terminal' } });
      request.log.info({ event: 'terminal.revoke', terminalId: request.params.id, staffId: request.staff!.id }, 'terminal revoked');
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/audit',
    {
      ...admin,
      schema: {
        summary: 'The audit trail of admin and security actions (logins, lockouts, revocations, admin writes), newest first, a page at a time',
        tags: ['admin'],
        security,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT })),
            before: Type.Optional(Type.String({ maxLength: 64, description: 'The `next` of the previous page' })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ entries: Type.Array(AuditEntry), next: Nullable(Type.String()) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const page = await listAudit(ctx, { limit: request.query.limit ?? AUDIT_PAGE_DEFAULT, before: request.query.before });
      return page.ok ? page.value : sendError(reply, page.error);
    },
  );
};
