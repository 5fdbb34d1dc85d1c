/**
 * The day's counter row of each queue category: the numbers taken, online and leased, the tickets
 * issued (for the quota) and waiting (for "people ahead"). Split from tickets.ts, which issues.
 */
import type { Kysely } from 'kysely';
import type { LocalDate } from '../../core/calendar/local-date.ts';
import { PreparedQuery } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';

/**
 * Online numbers count up from 1; numbers leased to terminals for offline use count up from
 * LEASE_BASE, so the numbers citizens see stay short and consecutive however many terminals
 * hold leases, and an offline ticket is recognisable at the window (A5003).
 */
export const LEASE_BASE = 5000;

export type Counter = { online: number; leased: number; issued: number; waiting: number; waitingPriority: number };
type CounterChange = { online?: number; leased?: number; issued?: number; waiting?: number; waitingPriority?: number };
/** The parameters of `advance`: the change, and what a new row starts from. */
export type CounterStep = Counter & { category: string; date: LocalDate; firstLeased: number };

/**
 * Advances the day's counter of a category: online or leased numbers taken, tickets issued
 * (for the quota) and waiting (for "people ahead", kept here so a new ticket needs no count
 * over the queue). One statement inserts or increments the row and returns
 * it: the row stays locked (PostgreSQL) or the database is (SQLite) until the transaction ends,
 * so no two issuers, in any process, get the same number.
 */
export const advance = new PreparedQuery(
  ['category', 'date', 'online', 'leased', 'firstLeased', 'issued', 'waiting', 'waitingPriority'],
  (db, step: CounterStep) =>
    db
      .insertInto('ticket_counters')
      .values({
        category_code: step.category,
        service_date: step.date,
        last_seq: step.online,
        last_leased_seq: step.firstLeased,
        issued: step.issued,
        waiting: step.waiting,
        waiting_priority: step.waitingPriority,
      })
      .onConflict((oc) =>
        oc.columns(['category_code', 'service_date']).doUpdateSet((eb) => ({
          last_seq: eb('ticket_counters.last_seq', '+', step.online),
          last_leased_seq: eb('ticket_counters.last_leased_seq', '+', step.leased),
          issued: eb('ticket_counters.issued', '+', step.issued),
          waiting: eb('ticket_counters.waiting', '+', step.waiting),
          waiting_priority: eb('ticket_counters.waiting_priority', '+', step.waitingPriority),
        })),
      )
      .returning(['last_seq', 'last_leased_seq', 'issued', 'waiting', 'waiting_priority']),
);

export function counterStep(category: string, date: LocalDate, change: CounterChange): CounterStep {
  const leased = change.leased ?? 0;
  return {
    category,
    date,
    online: change.online ?? 0,
    leased,
    firstLeased: LEASE_BASE + leased,
    issued: change.issued ?? 0,
    waiting: change.waiting ?? 0,
    waitingPriority: change.waitingPriority ?? 0,
  };
}

type CounterRow = { last_seq: number; last_leased_seq: number; issued: number; waiting: number; waiting_priority: number };

export function counterOf(row: CounterRow | undefined): Counter {
  if (!row) throw new Error('the counter upsert returned no row');
  return {
    online: Number(row.last_seq),
    leased: Number(row.last_leased_seq),
    issued: Number(row.issued),
    waiting: Number(row.waiting),
    waitingPriority: Number(row.waiting_priority),
  };
}

export async function advanceCounter(tx: Kysely<Database>, category: string, date: LocalDate, change: CounterChange): Promise<Counter> {
  return counterOf((await tx.executeQuery(advance.bind(tx, counterStep(category, date, change)))).rows[0]);
}
