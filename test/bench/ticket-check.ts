import { sql } from 'kysely';
import type { Hall } from '../../src/server/hall.ts';

/** What the database holds after a load: every number once, one ticket per 2xx answer. */
export interface TicketCheck {
  tickets: number;
  /** (category, service_date, seq) that occur more than once. */
  duplicateNumbers: number;
  /** Category days whose numbers are not exactly 1..n, or whose counter disagrees with n. */
  numberGaps: number;
}

/** Read straight from the hall's database after the load, not from the API the load went through. */
export async function checkTickets(hall: Hall): Promise<TicketCheck> {
  const { db } = hall.ctx;
  const total = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const duplicates = await db
    .selectFrom('tickets')
    .select(['category_code', 'service_date', 'seq'])
    .groupBy(['category_code', 'service_date', 'seq'])
    .having(sql`count(*)`, '>', 1)
    .execute();
  const days = await db
    .selectFrom('tickets')
    .innerJoin('ticket_counters', (join) =>
      join.onRef('ticket_counters.category_code', '=', 'tickets.category_code').onRef('ticket_counters.service_date', '=', 'tickets.service_date'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('tickets.seq').as('first'),
      eb.fn.max('tickets.seq').as('last'),
      eb.fn.max('ticket_counters.last_seq').as('counter'),
    ])
    .groupBy(['tickets.category_code', 'tickets.service_date'])
    .execute();
  const gaps = days.filter((day) => {
    const n = Number(day.n);
    return Number(day.first) !== 1 || Number(day.last) !== n || Number(day.counter) !== n;
  });
  return { tickets: Number(total.n), duplicateNumbers: duplicates.length, numberGaps: gaps.length };
}
