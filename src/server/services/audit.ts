import { randomBytes } from 'node:crypto';
import type { AuditActorKind, AuditEntryView, AuditOutcome, AuditPage } from '../../core/audit-wire.ts';
import type { HallContext } from '../context.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { fail, type Result } from './result.ts';

/** One admin or security action. Never a citizen's name, ID number or a token: codes and ids only. */
export interface AuditEntry {
  actor: { kind: AuditActorKind; id?: string | null; name?: string | null };
  /** e.g. `terminal.suspend`; the common ones are AUDIT_ACTIONS in core/audit-wire.ts. */
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  /** A stable code saying why (`wrong-password`, `unknown-terminal` …), not free text. */
  detail?: string | null;
  clientAddress?: string | null;
}

let lastMs = -1;
let sameMs = 0;

/**
 * A UUIDv7 (RFC 9562) whose 12-bit rand_a counts entries within one millisecond, so the trail
 * reads in the order it was written (a failure before the lockout it caused) even when the
 * clock has not moved, as with a pinned clock. Across processes of a fleet, milliseconds order it.
 */
function timeOrderedId(ms: number): string {
  sameMs = ms === lastMs ? Math.min(sameMs + 1, 0xfff) : 0;
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sameMs >> 8);
  bytes[7] = sameMs & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Records an entry in the audit trail, stamped with the hall's clock. Admin writes over HTTP are
 * recorded by the server itself (http/admin-audit.ts); call this for anything else worth an
 * administrator's later question "who did that, and when?".
 */
export async function audit(ctx: HallContext, entry: AuditEntry): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db
    .insertInto('audit_log')
    .values({
      id: timeOrderedId(at),
      at,
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id ?? null,
      actor_name: entry.actor.name ?? null,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      detail: entry.detail ?? null,
      client_address: entry.clientAddress ?? null,
    })
    .execute();
}

const CURSOR = /^(\d{1,16})_([0-9a-f-]{36})$/;

const cursorOf = (row: { at: number; id: string }): string => `${row.at}_${row.id}`;

function view(row: AuditLogTable): AuditEntryView {
  return {
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    detail: row.detail,
    clientAddress: row.client_address,
  };
}

/** A page of the trail, newest first; `before` continues after the previous page (new entries do not shift it). */
export async function listAudit(ctx: HallContext, options: { limit: number; before?: string | undefined }): Promise<Result<AuditPage>> {
  let query = ctx.db.selectFrom('audit_log').selectAll();
  if (options.before !== undefined) {
    const cursor = CURSOR.exec(options.before);
    if (!cursor) return fail(400, 'invalid-cursor', 'before must be the `next` of an earlier page');
    const at = Number(cursor[1]);
    const id = cursor[2]!;
    query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return { ok: true, value: { entries: page.map(view), next: rows.length > options.limit && last ? cursorOf({ at: Number(last.at), id: last.id }) : null } };
}
