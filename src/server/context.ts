import type { Kysely } from 'kysely';
import { BusinessCalendar } from '../core/calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from '../core/calendar/holidays.ts';
import type { Clock } from '../core/clock.ts';
import type { HallConfig } from './config.ts';
import type { Dialect } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import { randomToken } from './security.ts';

/** What every route and service of the hall server works with. */
export interface HallContext {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  calendar: BusinessCalendar;
  config: HallConfig;
  /** Secret of this hall's database for holder hashes; made once, kept in hall_settings. */
  pepper: string;
}

export async function loadPepper(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('hall_settings').select('value').where('key', '=', 'holder_pepper').executeTakeFirst();
  if (row) return row.value;
  await db.insertInto('hall_settings').values({ key: 'holder_pepper', value: randomToken() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return loadPepper(db);
}

export async function createContext(config: HallConfig, db: Kysely<Database>, dialect: Dialect): Promise<HallContext> {
  return { db, dialect, clock: config.clock, calendar: new BusinessCalendar(HOLIDAY_YEARS), config, pepper: await loadPepper(db) };
}
