import { fileURLToPath } from 'node:url';

/** Where the bench reads the app build from and writes its own output (all gitignored). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
export const BLANK_DIR = fileURLToPath(new URL('../../.bench/blank/', import.meta.url));
export const BLANK_DIST = fileURLToPath(new URL('../../.bench/blank/dist/', import.meta.url));
export const RESULTS_FILE = fileURLToPath(new URL('../../.bench/results.json', import.meta.url));
