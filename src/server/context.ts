import type { Kysely } from 'kysely';
import { BusinessCalendar } from '../core/calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from '../core/calendar/holidays.ts';
import type { Clock } from '../core/clock.ts';
import type { HallConfig } from './config.ts';
import type { Dialect } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import { loadHallSecrets, secretsFileFor, type DemoKeyStore } from './secrets.ts';
import { distrustDemoProvider } from './services/identity-codes.ts';

/** What every route and service of the hall server works with. */
export interface HallContext {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  calendar: BusinessCalendar;
  config: HallConfig;
  /** Secret of this hall for holder hashes: from the secrets file or KIOSK_HOLDER_PEPPER, never from the database. */
  pepper: string;
  /** The demo identity provider's private key; kept only by a hall seeded with the demo. */
  demoIdentityKey: DemoKeyStore;
}

export async function createContext(config: HallConfig, db: Kysely<Database>, dialect: Dialect): Promise<HallContext> {
  const secrets = await loadHallSecrets(db, dialect, { file: secretsFileFor(config.secretsFile, db), ...(config.holderPepper ? { holderPepper: config.holderPepper } : {}) });
  // Every copy of the database made before held that private key: whoever has one could sign codes.
  if (secrets.demoKeyWasInDatabase) await distrustDemoProvider(db);
  return { db, dialect, clock: config.clock, calendar: new BusinessCalendar(HOLIDAY_YEARS), config, pepper: secrets.holderPepper, demoIdentityKey: secrets.demoIdentityKey };
}
