import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';
import { AUDIT_ACTIONS, type AuditOutcome } from '../../core/audit-wire.ts';
import type { HallContext } from '../context.ts';
import { audit } from '../services/audit.ts';

/**
 * Every write under /api/v1/admin/ is an admin action and goes into the audit trail by itself, so
 * a new admin route cannot forget to: who (the admin's id and username, or the staff member who
 * tried without the role), what (a name for the known routes, else method and route pattern),
 * which record (`:id`), the outcome with the refusal's code, and from where.
 */
const ADMIN_PREFIX = '/api/v1/admin/';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface KnownAction {
  action: string;
  /** A stable word from the body worth keeping (never free text). */
  detail?: (body: unknown) => string | null;
}

const KNOWN: Record<string, KnownAction> = {
  'POST /api/v1/admin/terminals/:id/revoke': { action: AUDIT_ACTIONS.revokeTerminal },
  'POST /api/v1/admin/terminals/:id/resume': { action: AUDIT_ACTIONS.resumeTerminal },
  'POST /api/v1/admin/terminals/:id/enrollment': { action: AUDIT_ACTIONS.reenrollTerminal },
  'POST /api/v1/admin/rectifications/:id/resolve': { action: AUDIT_ACTIONS.resolveRectification },
  'POST /api/v1/admin/supervision/cards/:id/appeals': { action: AUDIT_ACTIONS.fileAppeal },
  'POST /api/v1/admin/supervision/appeals/:id/decision': {
    action: AUDIT_ACTIONS.decideAppeal,
    detail: (body) => ((body as { approve?: unknown } | null)?.approve === true ? 'approved' : 'rejected'),
  },
  'POST /api/v1/admin/demo-codes': { action: AUDIT_ACTIONS.mintDemoCode, detail: (body) => String((body as { holder?: unknown } | null)?.holder ?? '').slice(0, 32) || null },
};

const refusedCode = (payload: unknown): string | null =>
  typeof payload === 'string' ? (/^\{"error":\{"code":"([a-z0-9.-]{1,64})"/.exec(payload)?.[1] ?? null) : null;

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 ? 'refused' : 'failure';
}

function record(ctx: HallContext, key: string, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const known = KNOWN[key];
  const status = reply.statusCode;
  const params = request.params as { id?: unknown } | undefined;
  return audit(ctx, {
    actor: { kind: 'staff', id: request.staff!.id, name: request.staff!.username },
    action: known?.action ?? key,
    target: typeof params?.id === 'string' ? params.id : null,
    outcome: outcomeOf(status),
    detail: status < 400 ? (known?.detail?.(request.body) ?? null) : (refusedCode(payload) ?? `http-${status}`),
    clientAddress: request.ip,
  });
}

/**
 * Written before the answer leaves, so an administrator who sees "done" can find it in the trail.
 * Without a session nobody is known to have acted; those refusals are in the request log.
 */
function auditHook(ctx: HallContext, key: string): onSendHookHandler {
  return async (request, reply, payload) => {
    if (!request.staff) return payload;
    try {
      await record(ctx, key, request, reply, payload);
    } catch (error) {
      request.log.error({ err: error as Error, event: 'audit.failed', route: key }, 'audit entry not written');
    }
    return payload;
  };
}

const asList = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** Adds the audit hooks to each admin write as it is declared: other routes pay nothing. Call before the routes register. */
export function installAdminAudit(app: FastifyInstance, ctx: HallContext): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = asList(route.method);
    if (!route.url.startsWith(ADMIN_PREFIX) || !methods.some((method) => WRITES.has(method))) return;
    const key = `${methods.join(',')} ${route.url}`;
    route.onSend = [...asList(route.onSend), auditHook(ctx, key)];
  });
}

/** A staff-cookie write from another origin (CSRF): logged and audited; the request itself is refused in auth.ts. */
export function crossOriginRefused(ctx: HallContext) {
  return async (request: FastifyRequest, claimed: string | null): Promise<void> => {
    const route = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
    request.log.warn({ event: AUDIT_ACTIONS.crossOrigin, route, origin: claimed }, 'cross-origin staff request refused');
    await audit(ctx, {
      actor: { kind: 'staff' },
      action: AUDIT_ACTIONS.crossOrigin,
      target: route,
      outcome: 'refused',
      detail: claimed === null ? 'no-origin' : claimed.slice(0, 120),
      clientAddress: request.ip,
    }).catch((error: unknown) => request.log.error({ err: error as Error, event: 'audit.failed' }, 'audit entry not written'));
  };
}
