import { fileURLToPath } from 'node:url';

/** The app build the bench measures, and the bench's own output (.bench/ is gitignored). */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const BLANK_DIR = fileURLToPath(new URL('../../.bench/blank/', import.meta.url));
export const BLANK_DIST = fileURLToPath(new URL('../../.bench/blank/dist/', import.meta.url));
/** The app's outbox module compiled for the kiosk page (outbox-build.ts). */
export const OUTBOX_PAGE_DIST = fileURLToPath(new URL('../../.bench/outbox-page/', import.meta.url));
export const RESULTS_FILE = fileURLToPath(new URL('../../.bench/results.json', import.meta.url));
export const TICKET_RESULTS_FILE = fileURLToPath(new URL('../../.bench/results-tickets.json', import.meta.url));
