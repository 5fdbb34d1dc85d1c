import { RAW_INSERT_SECONDS, TICKET_LOAD, TICKET_PACE } from './budgets.ts';
import type { DatabaseKind } from './databases.ts';
import { measurePacedLoad, type PacedLoad } from './paced-load.ts';
import { measureRawInsert, type RawInsert } from './raw-insert.ts';
import { measureTicketLoad, type TicketLoad } from './ticket-load.ts';

export interface TicketIssue {
  database: DatabaseKind;
  raw: RawInsert;
  /** Full load: the throughput. */
  load: TicketLoad;
  /** The budget's rate at a steady pace: the p99. */
  paced: PacedLoad;
}

/** PostgreSQL is an optional part of the bench's machine: when it is not there, the table says so. */
export type TicketIssueOutcome = TicketIssue | { database: 'postgres'; error: string };

/**
 * On one database: first what the database alone takes (raw inserts), then the hall server
 * under the terminals' full load, then under their steady pace, each on a fresh database, one
 * after the other so none slows another.
 */
export async function measureTicketIssue(kind: DatabaseKind): Promise<TicketIssue> {
  // KIOSK_NOW carries the hall's offset, so its first ten characters are the local service day.
  const raw = await measureRawInsert(kind, RAW_INSERT_SECONDS, TICKET_LOAD.now.slice(0, 10));
  const load = await measureTicketLoad(kind, TICKET_LOAD);
  const paced = await measurePacedLoad(kind, TICKET_PACE);
  return { database: kind, raw, load, paced };
}
