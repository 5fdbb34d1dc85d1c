import { randomUUID } from 'node:crypto';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { ASSERTION_SKEW_S, checkFresh, checkSessionClaims, FRESH_ASSERTION_S, readAssertionHeader, SESSION_ASSERTION_TYPE } from '../../core/device-assertion.ts';
import { enrollmentCode, normalizeEnrollmentCode, randomToken, sha256 } from '../security.ts';
import { TtlCache } from '../ttl-cache.ts';
import { claimProofUse, parseDeviceKey, terminalByKeyId, verifyAssertionOf, type DeviceKey } from './device-keys.ts';
import { fail, type Result } from './result.ts';
import { recentAlerts, type TerminalAlert } from './terminal-limits.ts';

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

export interface Enrolled {
  /** A device token (plain browser), or a session token (with a device key). */
  token: string;
  terminalId: string;
  name: string;
  /** With a device key: when the session token ends; the shell signs for a new one before. */
  expiresAt?: string;
  keyBound: boolean;
}

/**
 * Exchanges a one-time code for the terminal's credentials; only hashes are kept. With a device
 * key (kiosk-shell enrolls with one) the terminal gets no long-lived token at all, only a
 * session token that its key renews; without (a plain browser) a device token as before, which
 * takes tickets and identity codes but can assert no card. Enrolling again replaces both.
 */
export async function enrollTerminal(ctx: HallContext, code: string, deviceKey?: unknown): Promise<Result<Enrolled>> {
  let key: DeviceKey | null = null;
  if (deviceKey !== undefined) {
    const parsed = await parseDeviceKey(deviceKey);
    if (!parsed.ok) return parsed;
    key = parsed.value;
  }
  const hash = sha256(normalizeEnrollmentCode(code));
  const terminal = await ctx.db.selectFrom('terminals').selectAll().where('enroll_code_hash', '=', hash).executeTakeFirst();
  if (!terminal || (terminal.enroll_expires_at ?? 0) < ctx.clock.now()) {
    return fail(401, 'enrollment-code-invalid', 'The enrollment code is unknown, used or expired');
  }
  const now = ctx.clock.now();
  const deviceToken = key ? null : randomToken();
  const updated = await ctx.db
    .updateTable('terminals')
    .set({
      token_hash: deviceToken ? sha256(deviceToken) : null,
      device_key: key ? JSON.stringify(key.jwk) : null,
      key_id: key?.keyId ?? null,
      key_enrolled_at: key ? now : null,
      enroll_code_hash: null,
      enroll_expires_at: null,
      enrolled_at: now,
      revoked_at: null,
    })
    .where('id', '=', terminal.id)
    .where('enroll_code_hash', '=', hash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return fail(401, 'enrollment-code-invalid', 'The enrollment code was used meanwhile');
  // Whatever opened the terminal before (a copied token, an old session) opens nothing now.
  await ctx.db.deleteFrom('terminal_sessions').where('terminal_id', '=', terminal.id).execute();
  tokenCache(ctx).clear();
  if (deviceToken) return { ok: true, value: { token: deviceToken, terminalId: terminal.id, name: terminal.name, keyBound: false } };
  const session = await openSession(ctx, terminal.id);
  return { ok: true, value: { ...session, terminalId: terminal.id, name: terminal.name, keyBound: true } };
}

/**
 * A key-bound terminal's session token lives an hour; the shell renews it at half-life. A token
 * read out of the browser's memory is worth an hour at most, and never a card identity.
 */
export const SESSION_LIFETIME_MS = 60 * 60 * 1000;

/**
 * The new session, and the one before it while requests made with it may still be on their way:
 * older ones end, so however often a shell renews, a terminal has two live tokens at most.
 */
const LIVE_SESSIONS = 2;

async function openSession(ctx: HallContext, terminalId: string): Promise<{ token: string; expiresAt: string }> {
  const now = ctx.clock.now();
  await ctx.db.deleteFrom('terminal_sessions').where('expires_at', '<', now).execute();
  const token = randomToken();
  const expiresAt = now + SESSION_LIFETIME_MS;
  await ctx.db.insertInto('terminal_sessions').values({ token_hash: sha256(token), terminal_id: terminalId, created_at: now, expires_at: expiresAt }).execute();
  const kept = await ctx.db.selectFrom('terminal_sessions').select('token_hash').where('terminal_id', '=', terminalId).orderBy('created_at', 'desc').limit(LIVE_SESSIONS).execute();
  await ctx.db.deleteFrom('terminal_sessions').where('terminal_id', '=', terminalId).where('token_hash', 'not in', kept.map((row) => row.token_hash)).execute();
  return { token, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * A new session for the terminal whose device key signed `assertion`: fresh (two minutes), its
 * counter used once. Refused for a revoked terminal or a key the hall does not know.
 */
export async function renewSession(ctx: HallContext, assertion: string): Promise<Result<{ token: string; expiresAt: string; terminalId: string; name: string }>> {
  const header = readAssertionHeader(assertion, SESSION_ASSERTION_TYPE);
  if (!header.ok) return fail(401, 'session-assertion-refused', 'The session assertion was refused', { reason: header.reason });
  const terminal = await terminalByKeyId(ctx.db, header.value.keyId);
  if (!terminal) return fail(401, 'session-assertion-refused', 'The session assertion was refused', { reason: 'unknown-key' });
  const verified = await verifyAssertionOf(terminal, assertion, SESSION_ASSERTION_TYPE);
  const claims = verified.ok ? checkSessionClaims(verified.value.payload, terminal.id) : verified;
  if (!claims.ok) return fail(401, 'session-assertion-refused', 'The session assertion was refused', { reason: claims.reason });
  const nowMs = ctx.clock.now();
  const fresh = checkFresh(claims.value.issuedAt, Math.floor(nowMs / 1000));
  // The hall's time goes with a refusal for time: the shell dates its next assertion by it.
  if (!fresh.ok) return fail(401, 'session-assertion-refused', 'The session assertion was refused', { reason: fresh.reason, serverTime: new Date(nowMs).toISOString() });
  const what = `session\n${header.value.keyId}\n${claims.value.counter}`;
  const expiresAt = (claims.value.issuedAt + FRESH_ASSERTION_S + ASSERTION_SKEW_S) * 1000;
  // Each renewal is a request of its own: no second one may come with the same assertion.
  if (!(await claimProofUse(ctx.db, { what, usedBy: `session:${randomUUID()}`, terminalId: terminal.id, expiresAt }, nowMs))) {
    return fail(401, 'session-assertion-refused', 'The session assertion was refused', { reason: 'replayed' });
  }
  return { ok: true, value: { ...(await openSession(ctx, terminal.id)), terminalId: terminal.id, name: terminal.name } };
}

/**
 * Every terminal call looks its token up; a few seconds of memory spare the database that work.
 * A revocation in this process takes effect at once, in the other processes of a fleet within
 * the lifetime.
 */
const TOKEN_CACHE_MS = 5000;
/** A token's terminal, and until when a session token opens it (null: a device token, until revoked). */
type CachedToken = { terminal: TerminalRow; sessionEndsAt: number | null } | null;
const tokenCaches = new WeakMap<object, TtlCache<string, CachedToken>>();

function tokenCache(ctx: HallContext): TtlCache<string, CachedToken> {
  let cache = tokenCaches.get(ctx.db);
  if (!cache) tokenCaches.set(ctx.db, (cache = new TtlCache(TOKEN_CACHE_MS)));
  return cache;
}

/** A device token (plain browser) or an unexpired session token (key-bound terminal); revoked terminals have neither. */
export async function terminalByToken(ctx: HallContext, token: string): Promise<TerminalRow | null> {
  const hash = sha256(token);
  const cached = await tokenCache(ctx).get(hash, async (): Promise<CachedToken> => {
    const device = await ctx.db.selectFrom('terminals').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (device) return device.revoked_at === null ? { terminal: device, sessionEndsAt: null } : null;
    const session = await ctx.db
      .selectFrom('terminal_sessions')
      .innerJoin('terminals', 'terminals.id', 'terminal_sessions.terminal_id')
      .selectAll('terminals')
      .select('terminal_sessions.expires_at as session_expires_at')
      .where('terminal_sessions.token_hash', '=', hash)
      .executeTakeFirst();
    if (!session || session.revoked_at !== null) return null;
    const { session_expires_at: endsAt, ...terminal } = session;
    return { terminal, sessionEndsAt: Number(endsAt) };
  });
  // A session ends on the hall's clock, whatever the cache remembers.
  if (!cached || (cached.sessionEndsAt !== null && cached.sessionEndsAt <= ctx.clock.now())) return null;
  return cached.terminal;
}

/** Ends every way into the terminal: device token, sessions, enrollment code; the device key goes too. */
export async function revokeTerminal(ctx: HallContext, id: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('terminals')
    .set({ revoked_at: ctx.clock.now(), token_hash: null, enroll_code_hash: null, enroll_expires_at: null, device_key: null, key_id: null })
    .where('id', '=', id)
    .executeTakeFirst();
  await ctx.db.deleteFrom('terminal_sessions').where('terminal_id', '=', id).execute();
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
  /** Enrolled by kiosk-shell with a device key: the only terminals that can identify by ID card. */
  keyBound: boolean;
  suspended: { at: string; reason: string } | null;
  alerts: TerminalAlert[];
  /** Certificate uses (retrievals, views, copies, attachments) at this terminal in the last 24 hours. */
  certificateUses24h: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function certificateUsesByTerminal(ctx: HallContext, since: number): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('usage_log')
    .select(['terminal_id', (eb) => eb.fn.countAll<number>().as('uses')])
    .where('terminal_id', 'is not', null)
    .where('at', '>', since)
    .groupBy('terminal_id')
    .execute();
  return new Map(rows.map((row) => [row.terminal_id!, Number(row.uses)]));
}

export async function fleet(ctx: HallContext): Promise<FleetEntry[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db.selectFrom('terminals').selectAll().orderBy('name').execute();
  const [alerts, uses] = await Promise.all([recentAlerts(ctx), certificateUsesByTerminal(ctx, now - DAY_MS)]);
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
    keyBound: row.device_key !== null,
    suspended: row.suspended_at === null ? null : { at: new Date(Number(row.suspended_at)).toISOString(), reason: row.suspended_reason ?? 'unknown' },
    alerts: alerts.get(row.id) ?? [],
    certificateUses24h: uses.get(row.id) ?? 0,
  }));
}

export interface TerminalUse {
  at: string;
  certificateType: string;
  action: string;
  purpose: string;
}

/** The newest certificate uses at one terminal, for the fleet page: what it opened, never whose. */
export async function usesAtTerminal(ctx: HallContext, terminalId: string, limit = 100): Promise<TerminalUse[]> {
  const rows = await ctx.db
    .selectFrom('usage_log')
    .select(['at', 'certificate_type', 'action', 'purpose'])
    .where('terminal_id', '=', terminalId)
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ at: new Date(Number(row.at)).toISOString(), certificateType: row.certificate_type, action: row.action, purpose: row.purpose }));
}
