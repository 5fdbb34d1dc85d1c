import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import type { HallConfig } from './config.ts';
import { createContext, type HallContext } from './context.ts';
import { connectDatabase, migrateToLatest } from './db/connect.ts';
import { startStatisticsUpkeep } from './db/statistics.ts';
import { hasCatalog, seedDemo, seedDemoAppointments } from './demo/seed.ts';
import { seedDemoCertificates } from './demo/seed-certificates.ts';
import { seedDemoQuarter } from './demo/seed-quarter.ts';
import { startSweeper } from './services/supervision.ts';

export interface Hall {
  app: FastifyInstance;
  ctx: HallContext;
  close(): Promise<void>;
}

export interface HallOptions {
  config: HallConfig;
  webRoot: string;
  /** Absent: the embedded SQLite file; `sqlite::memory:` for tests; `postgres://…` for a fleet. */
  databaseUrl?: string;
  /** Fill an empty database with the demo hall, and refresh the demo appointments. */
  demo?: boolean;
  logger?: boolean;
}

/** Connects and migrates the database, then builds the server on it. */
export async function openHall(options: HallOptions): Promise<Hall> {
  const database = connectDatabase(options.databaseUrl);
  const { db, dialect } = database;
  try {
    await migrateToLatest(database);
    const ctx = await createContext(options.config, db, dialect);
    if (options.demo) {
      if (await hasCatalog(ctx)) {
        await seedDemoAppointments(ctx);
        // A demo database made before certificates existed gets them now.
        await seedDemoCertificates(ctx);
        // …and a demo database made before cases existed gets its supervision quarter.
        await seedDemoQuarter(ctx);
      } else await seedDemo(ctx);
    }
    const app = await buildServer({ ctx, webRoot: options.webRoot, logger: options.logger ?? false });
    // After the migrations and any demo seed, before the first request: the planner's statistics (SQLite only).
    const statistics = await startStatisticsUpkeep(database, (error) => app.log.warn({ err: { message: (error as Error).message } }, 'SQLite statistics not gathered'));
    // Supervision cards are due at the start of a working day, whether or not anyone asks.
    const sweeper = startSweeper(ctx, (error) => app.log.error({ err: { message: (error as Error).message } }, 'supervision sweep failed'));
    return {
      app,
      ctx,
      close: async () => {
        await sweeper.stop();
        await statistics.stop();
        await app.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
