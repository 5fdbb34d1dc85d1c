import { randomUUID } from 'node:crypto';
import type { HallContext } from '../context.ts';
import type { StaffTable } from '../db/schema.ts';
import { AUDIT_ACTIONS, type AuditOutcome } from '../../core/audit-wire.ts';
import { checkPassword, DUMMY_PASSWORD_HASH, hashPassword, randomToken, sha256 } from '../security.ts';
import { audit } from './audit.ts';
import { accountKey, ACCOUNT_POLICY, ADDRESS_POLICY, addressKey, forgiveFailures, recordFailure, refundAttempt, reserveAttempt } from './login-throttle.ts';
import { fail, type Result } from './result.ts';

/** A working day and a bit: staff log in once per shift. */
export const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: StaffTable['role'];
  windowNumber: number | null;
}

export async function addStaff(ctx: HallContext, member: { username: string; displayName: string; role: StaffTable['role']; password: string }): Promise<void> {
  const row = { display_name: member.displayName, role: member.role, password_hash: await hashPassword(member.password) };
  await ctx.db
    .insertInto('staff')
    .values({ id: randomUUID(), username: member.username, created_at: ctx.clock.now(), ...row })
    .onConflict((oc) => oc.column('username').doUpdateSet(row))
    .execute();
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address (behind a trusted proxy: the forwarded one). */
  address: string;
}

const retryDetails = (ctx: HallContext, until: number) => ({
  until: new Date(until).toISOString(),
  retryAfterSeconds: Math.max(1, Math.ceil((until - ctx.clock.now()) / 1000)),
});

const accountLocked = (ctx: HallContext, until: number) =>
  fail(423, 'account-locked', 'Too many wrong passwords: this account is locked for a while', retryDetails(ctx, until));

function loginAudit(ctx: HallContext, attempt: LoginAttempt, staffId: string | null, result: { action?: string; outcome: AuditOutcome; detail?: string }): Promise<void> {
  return audit(ctx, {
    actor: { kind: 'staff', id: staffId, name: attempt.username },
    action: result.action ?? AUDIT_ACTIONS.login,
    target: attempt.username,
    outcome: result.outcome,
    detail: result.detail ?? null,
    clientAddress: attempt.address,
  });
}

/**
 * Logs a staff member in, within the limits: an address with too many failures is refused (429),
 * a locked account is refused even with the right password (423), and the password is checked
 * through the bounded hashing queue (503 when it is full). Unknown usernames are checked against
 * a dummy hash and counted like known ones, so neither timing nor lockouts reveal who exists.
 */
export async function logIn(ctx: HallContext, attempt: LoginAttempt): Promise<Result<{ token: string; member: StaffMember }>> {
  const address = await reserveAttempt(ctx, addressKey(attempt.address), ADDRESS_POLICY);
  if (!address.ok) return fail(429, 'too-many-attempts', 'Too many failed logins from this address; try again later', retryDetails(ctx, address.blockedUntil));
  const account = await reserveAttempt(ctx, accountKey(attempt.username), ACCOUNT_POLICY);
  if (!account.ok) {
    await loginAudit(ctx, attempt, null, { outcome: 'refused', detail: 'account-locked' });
    return accountLocked(ctx, account.blockedUntil);
  }
  const staff = await ctx.db.selectFrom('staff').selectAll().where('username', '=', attempt.username).executeTakeFirst();
  const check = await checkPassword(attempt.password, staff?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (check === 'busy') {
    // Nothing was tried: the attempt counts against neither limit.
    await Promise.all([refundAttempt(ctx, addressKey(attempt.address)), refundAttempt(ctx, accountKey(attempt.username))]);
    return fail(503, 'login-busy', 'Many logins at once; try again in a moment', { retryAfterSeconds: 1 });
  }
  if (!staff || check === 'mismatch') return failedLogin(ctx, attempt, staff?.id ?? null, account.attempt, address.attempt);
  const lockedUntil = await forgiveFailures(ctx, accountKey(attempt.username));
  if (lockedUntil !== null) {
    await loginAudit(ctx, attempt, staff.id, { outcome: 'refused', detail: 'account-locked' });
    return accountLocked(ctx, lockedUntil);
  }
  await refundAttempt(ctx, addressKey(attempt.address));
  const token = randomToken();
  await ctx.db
    .insertInto('staff_sessions')
    .values({ token_hash: sha256(token), staff_id: staff.id, window_number: null, expires_at: ctx.clock.now() + STAFF_SESSION_MS })
    .execute();
  await loginAudit(ctx, attempt, staff.id, { outcome: 'success' });
  return { ok: true, value: { token, member: { id: staff.id, username: staff.username, displayName: staff.display_name, role: staff.role, windowNumber: null } } };
}

/** A wrong password (or no such account): counted, audited, and at the limit the account or address is blocked. */
async function failedLogin(ctx: HallContext, attempt: LoginAttempt, staffId: string | null, accountAttempt: number, addressAttempt: number): Promise<Result<never>> {
  await loginAudit(ctx, attempt, staffId, { outcome: 'failure', detail: staffId ? 'wrong-password' : 'unknown-user' });
  const addressBlocked = await recordFailure(ctx, addressKey(attempt.address), ADDRESS_POLICY, addressAttempt);
  if (addressBlocked !== null) {
    await audit(ctx, { actor: { kind: 'system' }, action: AUDIT_ACTIONS.addressBlocked, target: attempt.address, outcome: 'success', detail: 'too-many-attempts', clientAddress: attempt.address });
  }
  const lockedUntil = await recordFailure(ctx, accountKey(attempt.username), ACCOUNT_POLICY, accountAttempt);
  if (lockedUntil !== null) {
    await loginAudit(ctx, attempt, staffId, { action: AUDIT_ACTIONS.lockout, outcome: 'success', detail: 'too-many-failures' });
    return accountLocked(ctx, lockedUntil);
  }
  return fail(401, 'login-failed', 'Wrong user name or password', { attemptsLeft: ACCOUNT_POLICY.failures - accountAttempt });
}

export async function staffBySession(ctx: HallContext, token: string): Promise<StaffMember | null> {
  const row = await ctx.db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff.id', 'staff.username', 'staff.display_name', 'staff.role', 'staff_sessions.window_number', 'staff_sessions.expires_at'])
    .where('staff_sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at < ctx.clock.now()) return null;
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, windowNumber: row.window_number };
}

export async function chooseWindow(ctx: HallContext, token: string, windowNumber: number): Promise<Result<number>> {
  const window = await ctx.db.selectFrom('windows').select('number').where('number', '=', windowNumber).executeTakeFirst();
  if (!window) return fail(404, 'unknown-window', `No window ${windowNumber}`);
  await ctx.db.updateTable('staff_sessions').set({ window_number: windowNumber }).where('token_hash', '=', sha256(token)).execute();
  return { ok: true, value: windowNumber };
}

export async function logOut(ctx: HallContext, token: string, who: StaffMember, address: string): Promise<void> {
  await ctx.db.deleteFrom('staff_sessions').where('token_hash', '=', sha256(token)).execute();
  await audit(ctx, { actor: { kind: 'staff', id: who.id, name: who.username }, action: AUDIT_ACTIONS.logout, outcome: 'success', clientAddress: address });
}
