import { randomUUID } from 'node:crypto';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { enrollmentCode, normalizeEnrollmentCode, randomToken, sha256 } from '../security.ts';
import { TtlCache } from '../ttl-cache.ts';
import { fail, type Result } from './result.ts';

/** An enrollment code is for the technician standing at the terminal today, not for later. */
export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** Creates the terminal (or re-enrolls one of that name) and returns a one-time code for it. */
export async function createEnrollment(ctx: HallContext, name: string): Promise<{ code: string; terminalId: string }> {
  const code = enrollmentCode();
  const now = ctx.clock.now();
  const pending = { enroll_code_hash: sha256(code), enroll_expires_at: now + ENROLLMENT_CODE_TTL_MS };
  const existing = await ctx.db.selectFrom('terminals').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) {
    await ctx.db.updateTable('terminals').set(pending).where('id', '=', existing.id).execute();
    return { code, terminalId: existing.id };
  }
  const id = randomUUID();
  await ctx.db.insertInto('terminals').values({ id, name, created_at: now, ...pending }).execute();
  return { code, terminalId: id };
}

/** Exchanges a one-time code for the terminal's device token; only the token's hash is kept. */
export async function enrollTerminal(ctx: HallContext, code: string): Promise<Result<{ token: string; terminalId: string; name: string }>> {
  const hash = sha256(normalizeEnrollmentCode(code));
  const terminal = await ctx.db.selectFrom('terminals').selectAll().where('enroll_code_hash', '=', hash).executeTakeFirst();
  if (!terminal || (terminal.enroll_expires_at ?? 0) < ctx.clock.now()) {
    return fail(401, 'enrollment-code-invalid', 'The enrollment code is unknown, used or expired');
  }
  const token = randomToken();
  const updated = await ctx.db
    .updateTable('terminals')
    .set({ token_hash: sha256(token), enroll_code_hash: null, enroll_expires_at: null, enrolled_at: ctx.clock.now(), revoked_at: null })
    .where('id', '=', terminal.id)
    .where('enroll_code_hash', '=', hash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return fail(401, 'enrollment-code-invalid', 'The enrollment code was used meanwhile');
  return { ok: true, value: { token, terminalId: terminal.id, name: terminal.name } };
}

/**
 * Every terminal call looks its token up; a few seconds of memory spare the database that work.
 * A revocation in this process takes effect at once, in the other processes of a fleet within
 * the lifetime.
 */
const TOKEN_CACHE_MS = 5000;
const tokenCaches = new WeakMap<object, TtlCache<string, TerminalRow | null>>();

function tokenCache(ctx: HallContext): TtlCache<string, TerminalRow | null> {
  let cache = tokenCaches.get(ctx.db);
  if (!cache) tokenCaches.set(ctx.db, (cache = new TtlCache(TOKEN_CACHE_MS)));
  return cache;
}

export async function terminalByToken(ctx: HallContext, token: string): Promise<TerminalRow | null> {
  const hash = sha256(token);
  return tokenCache(ctx).get(hash, async () => {
    const terminal = await ctx.db.selectFrom('terminals').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return terminal && terminal.revoked_at === null ? terminal : null;
  });
}

export async function revokeTerminal(ctx: HallContext, id: string): Promise<boolean> {
  const result = await ctx.db.updateTable('terminals').set({ revoked_at: ctx.clock.now(), token_hash: null, enroll_code_hash: null, enroll_expires_at: null }).where('id', '=', id).executeTakeFirst();
  tokenCache(ctx).clear();
  return Number(result.numUpdatedRows) === 1;
}

export interface Heartbeat {
  appVersion: string;
  devices: Partial<Record<string, string>>;
  paper: string;
  outboxDepth: number;
  lastErrorCode: string | null;
}

export async function recordHeartbeat(ctx: HallContext, terminalId: string, beat: Heartbeat): Promise<void> {
  await ctx.db
    .updateTable('terminals')
    .set({
      app_version: beat.appVersion,
      device_states: JSON.stringify(beat.devices),
      paper_state: beat.paper,
      outbox_depth: beat.outboxDepth,
      last_error: beat.lastErrorCode,
      last_heartbeat_at: ctx.clock.now(),
    })
    .where('id', '=', terminalId)
    .execute();
}

/** A terminal that has not called in for this long is shown as stale on the fleet page. */
export const HEARTBEAT_STALE_MS = 2 * 60 * 1000;

export interface FleetEntry {
  id: string;
  name: string;
  enrolled: boolean;
  revoked: boolean;
  lastHeartbeatAt: string | null;
  stale: boolean;
  appVersion: string | null;
  devices: Record<string, string>;
  paper: string | null;
  outboxDepth: number | null;
  lastErrorCode: string | null;
}

export async function fleet(ctx: HallContext): Promise<FleetEntry[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db.selectFrom('terminals').selectAll().orderBy('name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    enrolled: row.enrolled_at !== null,
    revoked: row.revoked_at !== null,
    lastHeartbeatAt: row.last_heartbeat_at === null ? null : new Date(row.last_heartbeat_at).toISOString(),
    stale: row.enrolled_at !== null && row.revoked_at === null && (row.last_heartbeat_at === null || now - row.last_heartbeat_at > HEARTBEAT_STALE_MS),
    appVersion: row.app_version,
    devices: row.device_states ? (JSON.parse(row.device_states) as Record<string, string>) : {},
    paper: row.paper_state,
    outboxDepth: row.outbox_depth,
    lastErrorCode: row.last_error,
  }));
}
