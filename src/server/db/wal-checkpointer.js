/**
 * The checkpoint worker of a hall's SQLite file (connect.ts, startCheckpointer): plain
 * JavaScript, so that it runs the same under tsx, vitest and node. Every few milliseconds it
 * copies what the hall's connection committed to the write-ahead log into the database file.
 * PASSIVE: it never waits for the writer and never makes the writer wait.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { file, intervalMs } = workerData;
const database = new SQLite(file, { fileMustExist: true });
const timer = setInterval(() => database.pragma('wal_checkpoint(PASSIVE)'), intervalMs);

parentPort.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
