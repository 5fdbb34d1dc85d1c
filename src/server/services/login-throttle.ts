import { sql } from 'kysely';
import type { HallContext } from '../context.ts';
import { sha256 } from '../security.ts';

/** After this many failures within `windowMs`, every attempt is refused for `blockMs`. */
export interface ThrottlePolicy {
  failures: number;
  windowMs: number;
  blockMs: number;
}

const MINUTE_MS = 60_000;

/** An account: 5 wrong passwords, then 15 minutes locked, even for the right one. */
export const ACCOUNT_POLICY: ThrottlePolicy = { failures: 5, windowMs: 15 * MINUTE_MS, blockMs: 15 * MINUTE_MS };

/**
 * An address: 20 failures in 15 minutes, across all the accounts it tries. Only failures count,
 * so a hall whose staff PCs share one NAT address can still log everyone in at opening time.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { failures: 20, windowMs: 15 * MINUTE_MS, blockMs: 15 * MINUTE_MS };

/** Hashed, so the table names no account and no address, and an unknown username counts like a known one. */
export const accountKey = (username: string): string => sha256(`account:${username}`);
export const addressKey = (address: string): string => sha256(`address:${address}`);

/** `attempt`: this attempt's number within the window, 1 for the first. */
export type Reservation = { ok: true; attempt: number } | { ok: false; blockedUntil: number };

async function block(ctx: HallContext, key: string, until: number): Promise<number> {
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('login_throttle')
    .set({ blocked_until: until })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
  const row = await ctx.db.selectFrom('login_throttle').select('blocked_until').where('key', '=', key).executeTakeFirst();
  return Number(row?.blocked_until ?? until);
}

/**
 * Counts an attempt as a failure before its password is checked, in one statement: parallel
 * attempts cannot all pass the check before the first failure is written, and every process of
 * a fleet counts in the same row. A success gives the attempt back (`forgiveFailures`,
 * `refundAttempt`).
 */
export async function reserveAttempt(ctx: HallContext, key: string, policy: ThrottlePolicy): Promise<Reservation> {
  const now = ctx.clock.now();
  const blocked = sql<boolean>`login_throttle.blocked_until > ${now}`;
  // A window that is over, or a block that has ended, starts counting afresh.
  const fresh = sql<boolean>`(login_throttle.window_started_at <= ${now - policy.windowMs} or login_throttle.blocked_until <= ${now})`;
  const row = await ctx.db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${blocked} then login_throttle.failures when ${fresh} then 1 else login_throttle.failures + 1 end`,
        window_started_at: sql<number>`case when ${blocked} then login_throttle.window_started_at when ${fresh} then ${now} else login_throttle.window_started_at end`,
        blocked_until: sql<number | null>`case when ${blocked} then login_throttle.blocked_until else null end`,
      }),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
  if (row.blocked_until !== null && Number(row.blocked_until) > now) return { ok: false, blockedUntil: Number(row.blocked_until) };
  if (row.failures > policy.failures) return { ok: false, blockedUntil: await block(ctx, key, now + policy.blockMs) };
  return { ok: true, attempt: row.failures };
}

/** The reserved attempt failed: at the policy's last allowed failure the key is blocked; answers until when. */
export async function recordFailure(ctx: HallContext, key: string, policy: ThrottlePolicy, attempt: number): Promise<number | null> {
  await pruneThrottle(ctx);
  return attempt >= policy.failures ? block(ctx, key, ctx.clock.now() + policy.blockMs) : null;
}

/** A right password clears an account's failures, unless it was locked meanwhile: then answers until when. */
export async function forgiveFailures(ctx: HallContext, key: string): Promise<number | null> {
  const now = ctx.clock.now();
  await ctx.db
    .deleteFrom('login_throttle')
    .where('key', '=', key)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
  const row = await ctx.db.selectFrom('login_throttle').select('blocked_until').where('key', '=', key).executeTakeFirst();
  return row?.blocked_until != null && Number(row.blocked_until) > now ? Number(row.blocked_until) : null;
}

/**
 * Gives one reserved attempt back: an address's successful login (a success must not wipe the
 * failures an attacker made from there), or an attempt whose password was never checked.
 */
export async function refundAttempt(ctx: HallContext, key: string): Promise<void> {
  await ctx.db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Rows whose window and block are both over say nothing any more; failed logins are rare, so they clean up. */
async function pruneThrottle(ctx: HallContext): Promise<void> {
  const now = ctx.clock.now();
  const longest = Math.max(ACCOUNT_POLICY.windowMs, ADDRESS_POLICY.windowMs);
  await ctx.db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<=', now - longest)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
}
