import { randomUUID } from 'node:crypto';
import type { HallContext } from '../context.ts';
import type { StaffTable } from '../db/schema.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../security.ts';
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

export async function logIn(ctx: HallContext, username: string, password: string): Promise<Result<{ token: string; member: StaffMember }>> {
  const staff = await ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const ok = await verifyPassword(password, staff?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  if (!staff || !ok) return fail(401, 'login-failed', 'Wrong user name or password');
  const token = randomToken();
  await ctx.db
    .insertInto('staff_sessions')
    .values({ token_hash: sha256(token), staff_id: staff.id, window_number: null, expires_at: ctx.clock.now() + STAFF_SESSION_MS })
    .execute();
  return { ok: true, value: { token, member: { id: staff.id, username: staff.username, displayName: staff.display_name, role: staff.role, windowNumber: null } } };
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

export async function logOut(ctx: HallContext, token: string): Promise<void> {
  await ctx.db.deleteFrom('staff_sessions').where('token_hash', '=', sha256(token)).execute();
}
