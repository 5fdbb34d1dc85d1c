/**
 * Wrong guesses at something guessable, counted per subject in the database over a sliding
 * window: a case number asked with typed ID numbers or query codes that do not match it, a
 * terminal's wrong admin PINs. In the database, not in memory, because the guesses of one attack
 * may reach every hall-server process behind a load balancer, and each must count them all.
 *
 * An attempt is marked before it is judged, so that guesses sent in parallel cannot all slip
 * under the limit; a right one takes its mark back, a wrong one leaves it standing.
 */
import { randomUUID } from 'node:crypto';
import type { HallContext } from '../context.ts';
import type { LookupFailureTable } from '../db/schema.ts';
import { fail, type ServiceError } from './result.ts';

export type FailureScope = LookupFailureTable['scope'];

export interface FailureRule {
  /** Wrong guesses allowed within the window; the next is refused until the oldest leaves it. */
  max: number;
  windowMs: number;
}

/** 5 wrong identities for one case number in an hour: a citizen mistypes once or twice, a guesser needs thousands. */
export const CASE_GUESSES: FailureRule = { max: 5, windowMs: 60 * 60 * 1000 };

export interface Attempt {
  /** Right: the mark is taken back (and, with `clearAll`, every earlier miss of the subject). */
  succeeded(options?: { clearAll?: boolean }): Promise<void>;
  /** Wrong: the mark stays, counted against the subject until it leaves the window. */
  failed(): Promise<void>;
}

/** `failures`: the subject's misses already in the window, this attempt not counted. */
export type AttemptStart = { ok: true; attempt: Attempt; failures: number } | { ok: false; retryAfterMs: number };

/** Marks an attempt on `subject`, or refuses it while the subject has `rule.max` misses in the window. */
export async function beginAttempt(ctx: HallContext, scope: FailureScope, subject: string, rule: FailureRule): Promise<AttemptStart> {
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.db.insertInto('lookup_failures').values({ id, scope, subject, failed_at: now }).execute();
  const others = await ctx.db
    .selectFrom('lookup_failures')
    .select('failed_at')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('failed_at', '>', now - rule.windowMs)
    .where('id', '!=', id)
    .orderBy('failed_at', 'desc')
    .limit(rule.max)
    .execute();
  if (others.length >= rule.max) {
    // Refused unseen: not a guess, so it does not stretch the lock.
    await removeMark(ctx, id);
    return { ok: false, retryAfterMs: Math.max(1000, Number(others[rule.max - 1]!.failed_at) + rule.windowMs - now) };
  }
  return {
    ok: true,
    failures: others.length,
    attempt: {
      succeeded: async (options) => {
        if (options?.clearAll) await ctx.db.deleteFrom('lookup_failures').where('scope', '=', scope).where('subject', '=', subject).execute();
        else await removeMark(ctx, id);
      },
      failed: () => pruneOld(ctx, scope, now - rule.windowMs),
    },
  };
}

async function removeMark(ctx: HallContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('lookup_failures').where('id', '=', id).execute();
}

/** Misses past the window count for nothing: the table holds only what can still lock. */
async function pruneOld(ctx: HallContext, scope: FailureScope, before: number): Promise<void> {
  await ctx.db.deleteFrom('lookup_failures').where('scope', '=', scope).where('failed_at', '<=', before).execute();
}

/** A 429 with the seconds to wait: routes send them as `Retry-After` too (http/request-limits.ts). */
export function tooMany(code: string, message: string, retryAfterMs: number): { ok: false; error: ServiceError } {
  return fail(429, code, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}
