/**
 * Defence in depth behind the device key: even a terminal whose key was stolen along with its
 * PC serves only the citizens who stand at it. A terminal that identifies more different people
 * in an hour, or records more consents in a minute, than a screen with one citizen at a time can
 * (config.ts, identityLimits) is suspended: it gets no identity accepted until an administrator
 * looks at it on the fleet page and lifts the suspension. Tickets go on; certificates do not.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_ACTIONS } from '../../core/audit-wire.ts';
import type { HallContext } from '../context.ts';
import type { TerminalAlertTable, TerminalRow } from '../db/schema.ts';
import { audit } from './audit.ts';
import { fail, type Result } from './result.ts';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type AlertKind = TerminalAlertTable['kind'];

const suspended = () => fail(403, 'terminal-suspended', 'This terminal is suspended: it takes no identity until an administrator lifts the suspension on the fleet page');

/** The moment the limits count from: the window's start, or the last lifted suspension. */
function countFrom(terminal: { limits_since: number | null }, windowStart: number): number {
  return Math.max(windowStart, Number(terminal.limits_since ?? 0));
}

async function suspend(ctx: HallContext, terminalId: string, kind: AlertKind, observed: number, limit: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.insertInto('terminal_alerts').values({ id: randomUUID(), terminal_id: terminalId, at: now, kind, observed, limit_value: limit }).execute();
  const suspended = await ctx.db.updateTable('terminals').set({ suspended_at: now, suspended_reason: kind }).where('id', '=', terminalId).where('suspended_at', 'is', null).executeTakeFirst();
  if (Number(suspended.numUpdatedRows) === 1) await audit(ctx, { actor: { kind: 'system' }, action: AUDIT_ACTIONS.suspendTerminal, target: terminalId, outcome: 'success', detail: kind });
}

export interface IdentityAttempt {
  holderHash: string;
  /** When the holder was identified: now, or when a queued case's proof was made. */
  at: number;
  /** A certificate consent (counted per minute as well). */
  consent: boolean;
}

/**
 * Records that `holderHash` was identified at `terminal` and says whether the terminal may go on.
 * The attempt is recorded before the limits are counted, so refused attempts count too.
 */
export async function admitIdentity(ctx: HallContext, terminal: TerminalRow, attempt: IdentityAttempt): Promise<Result<void>> {
  // Read afresh: the request's terminal row may come from a cache a few seconds old.
  const current = await ctx.db.selectFrom('terminals').select(['suspended_at', 'limits_since', 'revoked_at']).where('id', '=', terminal.id).executeTakeFirst();
  if (!current || current.revoked_at !== null) return fail(401, 'unauthorized', 'This terminal was revoked');
  if (current.suspended_at !== null) return suspended();
  const now = ctx.clock.now();
  const limits = ctx.config.identityLimits;
  // What the limits no longer look at goes: they count the last hour.
  await ctx.db.deleteFrom('identity_uses').where('terminal_id', '=', terminal.id).where('at', '<', now - 2 * HOUR_MS).execute();
  await ctx.db.insertInto('identity_uses').values({ id: randomUUID(), terminal_id: terminal.id, holder_hash: attempt.holderHash, at: Math.min(attempt.at, now) }).execute();
  const holders = await ctx.db
    .selectFrom('identity_uses')
    .select((eb) => eb.fn.count<number>('holder_hash').distinct().as('count'))
    .where('terminal_id', '=', terminal.id)
    .where('at', '>', countFrom(current, now - HOUR_MS))
    .executeTakeFirstOrThrow();
  if (Number(holders.count) > limits.holdersPerHour) {
    await suspend(ctx, terminal.id, 'distinct-holders', Number(holders.count), limits.holdersPerHour);
    return suspended();
  }
  if (attempt.consent) {
    const consents = await ctx.db
      .selectFrom('certificate_consents')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('terminal_id', '=', terminal.id)
      .where('created_at', '>', countFrom(current, now - MINUTE_MS))
      .executeTakeFirstOrThrow();
    // This consent is not stored yet: it would be one more.
    if (Number(consents.count) + 1 > limits.consentsPerMinute) {
      await suspend(ctx, terminal.id, 'consents-per-minute', Number(consents.count) + 1, limits.consentsPerMinute);
      return suspended();
    }
  }
  return { ok: true, value: undefined };
}

/** A refused identity proof goes into the audit trail: the terminal and why, never whom it named. */
export async function recordRefusedIdentity(ctx: HallContext, terminal: TerminalRow, detail: string): Promise<void> {
  await audit(ctx, { actor: { kind: 'terminal', id: terminal.id, name: terminal.name }, action: AUDIT_ACTIONS.identityRefused, outcome: 'refused', detail });
}

/** Whether the terminal is suspended now (fresh from the database). */
export async function isSuspended(ctx: HallContext, terminalId: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('terminals').select('suspended_at').where('id', '=', terminalId).executeTakeFirst();
  return row?.suspended_at !== null && row?.suspended_at !== undefined;
}

export async function refuseIfSuspended(ctx: HallContext, terminalId: string): Promise<Result<void>> {
  return (await isSuspended(ctx, terminalId)) ? suspended() : { ok: true, value: undefined };
}

/** An administrator looked and lifts the suspension; the limits count afresh from now. */
export async function liftSuspension(ctx: HallContext, terminalId: string): Promise<boolean> {
  const result = await ctx.db.updateTable('terminals').set({ suspended_at: null, suspended_reason: null, limits_since: ctx.clock.now() }).where('id', '=', terminalId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface TerminalAlert {
  at: string;
  kind: AlertKind;
  observed: number;
  limit: number;
}

/** The newest alerts of every terminal, a few each, for the fleet page. */
export async function recentAlerts(ctx: HallContext, perTerminal = 5): Promise<Map<string, TerminalAlert[]>> {
  const rows = await ctx.db.selectFrom('terminal_alerts').selectAll().where('at', '>', ctx.clock.now() - 30 * 24 * HOUR_MS).orderBy('at', 'desc').limit(1000).execute();
  const byTerminal = new Map<string, TerminalAlert[]>();
  for (const row of rows) {
    const list = byTerminal.get(row.terminal_id) ?? [];
    if (list.length < perTerminal) list.push({ at: new Date(Number(row.at)).toISOString(), kind: row.kind, observed: row.observed, limit: row.limit_value });
    byTerminal.set(row.terminal_id, list);
  }
  return byTerminal;
}
