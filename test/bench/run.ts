/**
 * `npm run bench`: measures the budgets of DESIGN.md ("Budgets") that concern the kiosk page,
 * against a blank Preact page built in the same run, the hall server's ticket issue under
 * 200 terminals, against the raw insert rate of its database measured in the same run, and the
 * kiosk's outbox of 5,000 cases drained after reconnect. Also, without budgets, for reference:
 * the identity-code check in the PWA, the outbox write per case in the PWA, the certificate list
 * round-trip on the hall server and the quarterly supervision report of 100,000 cases. Progress
 * goes to stderr, the table to stdout and .bench/results.json. A missed budget is a result, not a
 * failure: the exit code is non-zero only when the harness itself fails.
 *
 * `tsx test/bench/run.ts --only=tickets [--database=sqlite|postgres]`: the ticket issue alone
 * (no build, no browser), for working on the hall server; its results go to
 * .bench/results-tickets.json so that they never pass for a whole run's.
 */
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { buildBlankPage, BLANK_MARK } from './blank-page.ts';
import { launchBrowser } from './browser.ts';
import {
  CARD_ROUNDS,
  CARD_WARMUP_ROUNDS,
  CERTIFICATE_LIST,
  COLD_START_RUNS,
  CPU_THROTTLE_RATE,
  IDENTITY_CODE_ROUNDS,
  OUTBOX_DRAIN,
  REPORT_QUARTER,
  SOAK_SESSIONS,
  SOAK_WARMUP_SESSIONS,
  TAP_ROUNDS,
} from './budgets.ts';
import { measureCardIdentify } from './card-identify.ts';
import { cardIdentifyRows } from './card-rows.ts';
import { measureCertificateList } from './certificate-list.ts';
import { certificateListRows, type CertificateListOutcome } from './certificate-rows.ts';
import { measureColdStart } from './cold-start.ts';
import type { DatabaseKind } from './databases.ts';
import { kb, progress } from './format.ts';
import { measureIdentityCodeCheck } from './identity-code.ts';
import { measureInitialJs } from './initial-js.ts';
import { machineLoad, warnIfBusy } from './machine.ts';
import { buildOutboxPage } from './outbox-build.ts';
import { measureOutboxDrain } from './outbox-drain.ts';
import { outboxRows } from './outbox-rows.ts';
import { DIST, RESULTS_FILE, TICKET_RESULTS_FILE } from './paths.ts';
import { coldStartRow, identityCodeRows, initialJsRow, soakRows, tapRow } from './rows.ts';
import { measureQuarterReport } from './report-quarter.ts';
import { quarterReportRows, type QuarterReportOutcome } from './report-rows.ts';
import { startHallServer, startStaticServer, type HallServer, type RunningServer } from './servers.ts';
import { measureSoak } from './soak.ts';
import { renderTable, writeResults, type Row } from './table.ts';
import { ticketIssueRows } from './ticket-rows.ts';
import { measureTaps } from './tap.ts';
import { measureTicketIssue, type TicketIssueOutcome } from './ticket-issue.ts';

/** The "interactive home" mark the app sets (src/app/home/HomeScreen.tsx). */
const APP_MARK = 'kiosk:home-interactive';

interface Servers {
  hall: HallServer;
  blank: RunningServer;
  /** outbox-page.ts compiled for the kiosk page. */
  outboxScript: string;
}

async function measureInBrowser(browser: Browser, servers: Servers) {
  progress(`offline cold starts (${CPU_THROTTLE_RATE}× CPU)`);
  const coldApp = await measureColdStart(browser, { label: 'app', url: servers.hall.url, mark: APP_MARK }, COLD_START_RUNS, CPU_THROTTLE_RATE);
  const coldBlank = await measureColdStart(browser, { label: 'blank', url: servers.blank.url, mark: BLANK_MARK }, COLD_START_RUNS, CPU_THROTTLE_RATE);
  progress(`taps (${CPU_THROTTLE_RATE}× CPU)`);
  const taps = await measureTaps(browser, servers.hall.url, TAP_ROUNDS, CPU_THROTTLE_RATE);
  progress(`ID card → identified: ${CARD_WARMUP_ROUNDS} warm-up cards, then ${CARD_ROUNDS}`);
  const card = await measureCardIdentify(browser, servers.hall.url, CARD_ROUNDS, CARD_WARMUP_ROUNDS);
  progress(`identity codes: the first, then ${IDENTITY_CODE_ROUNDS} (${CPU_THROTTLE_RATE}× CPU)`);
  const identityCode = await measureIdentityCodeCheck(browser, servers.hall, IDENTITY_CODE_ROUNDS, CPU_THROTTLE_RATE);
  progress(`soak: ${SOAK_WARMUP_SESSIONS} warm-up sessions, then ${SOAK_SESSIONS}`);
  const soak = await measureSoak(browser, servers.hall.url, SOAK_SESSIONS, SOAK_WARMUP_SESSIONS);
  progress(`outbox: ${OUTBOX_DRAIN.cases} cases written with the hall away, then drained after reconnect`);
  const outbox = await measureOutboxDrain(browser, servers.outboxScript, OUTBOX_DRAIN);
  return { coldApp, coldBlank, taps, card, identityCode, soak, outbox, chromium: browser.version() };
}

async function withBrowserAndServers<T>(blankDist: string, outboxScript: string, measure: (browser: Browser, servers: Servers) => Promise<T>): Promise<T> {
  const hall = await startHallServer(DIST);
  const blank = await startStaticServer(blankDist);
  const browser = await launchBrowser();
  try {
    return await measure(browser, { hall, blank, outboxScript });
  } finally {
    await browser.close();
    await Promise.all([hall.close(), blank.close()]);
  }
}

/**
 * After the browser has closed, so that the server and the load generator have the cores. SQLite
 * carries the budget and must be measured; PostgreSQL is for comparison and may be missing on a
 * machine, so its failure becomes a row that says why instead of ending the bench.
 */
async function measureTicketIssues(databases: readonly DatabaseKind[] = ['sqlite', 'postgres']): Promise<TicketIssueOutcome[]> {
  const outcomes: TicketIssueOutcome[] = [];
  for (const database of databases) outcomes.push(database === 'sqlite' ? await measureTicketIssue('sqlite') : await measurePostgresTicketIssue());
  return outcomes;
}

async function measurePostgresTicketIssue(): Promise<TicketIssueOutcome> {
  try {
    return await measureTicketIssue('postgres');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`ticket issue on PostgreSQL not measured: ${message}`);
    return { database: 'postgres', error: message };
  }
}

/** Like the ticket issue: SQLite must be measured, PostgreSQL may be missing and then says why in its row. */
async function measureCertificateLists(): Promise<CertificateListOutcome[]> {
  const outcomes: CertificateListOutcome[] = [await measureCertificateList('sqlite', CERTIFICATE_LIST)];
  try {
    outcomes.push(await measureCertificateList('postgres', CERTIFICATE_LIST));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`certificate list on PostgreSQL not measured: ${message}`);
    outcomes.push({ database: 'postgres', error: message });
  }
  return outcomes;
}

/** Like the certificate list: SQLite must be measured, PostgreSQL may be missing and then says why in its row. */
async function measureQuarterReports(): Promise<QuarterReportOutcome[]> {
  const outcomes: QuarterReportOutcome[] = [await measureQuarterReport('sqlite', REPORT_QUARTER)];
  try {
    outcomes.push(await measureQuarterReport('postgres', REPORT_QUARTER));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`quarterly report on PostgreSQL not measured: ${message}`);
    outcomes.push({ database: 'postgres', error: message });
  }
  return outcomes;
}

/** `--only=tickets`: the ticket issue rows alone, on both databases or on `--database`. */
async function ticketsOnly(database: string | undefined): Promise<void> {
  if (database !== undefined && database !== 'sqlite' && database !== 'postgres') throw new Error(`--database must be sqlite or postgres, not "${database}"`);
  const loadBefore = machineLoad();
  warnIfBusy('before the ticket load', loadBefore);
  const ticketIssues = await measureTicketIssues(database ? [database] : undefined);
  const loadAfter = machineLoad();
  warnIfBusy('after the ticket load', loadAfter);
  const rows = ticketIssues.flatMap(ticketIssueRows);
  writeResults(TICKET_RESULTS_FILE, rows, { node: process.version, load: { before: loadBefore, after: loadAfter }, ticketIssues });
  console.log(renderTable(rows));
  progress(`results written to ${TICKET_RESULTS_FILE}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, database: { type: 'string' } } });
  if (values.only !== undefined && values.only !== 'tickets') throw new Error(`--only knows only "tickets", not "${values.only}"`);
  if (values.only === 'tickets') return ticketsOnly(values.database);
  if (values.database !== undefined) throw new Error('--database goes with --only=tickets');

  const startedAt = performance.now();
  const loadBefore = machineLoad();
  warnIfBusy('before the bench', loadBefore);
  progress('building the blank Preact reference page');
  const blankDist = await buildBlankPage();
  progress("building the app's outbox for the kiosk page");
  const outboxScript = await buildOutboxPage();
  const jsApp = measureInitialJs(DIST);
  const jsBlank = measureInitialJs(blankDist);
  progress(`initial JS gzip: app ${kb(jsApp.gzipBytes)}, blank ${kb(jsBlank.gzipBytes)}`);

  const measured = await withBrowserAndServers(blankDist, outboxScript, measureInBrowser);
  // The browser's work still weighs on the 1-minute load average: allow for it, as after the bench.
  warnIfBusy('before the ticket load', machineLoad(), 1);
  const ticketIssues = await measureTicketIssues();
  const certificateLists = await measureCertificateLists();
  const quarterReports = await measureQuarterReports();
  const loadAfter = machineLoad();
  warnIfBusy('after the bench', loadAfter, 1);
  const rows: Row[] = [
    initialJsRow(jsApp, jsBlank),
    coldStartRow(measured.coldApp, measured.coldBlank, CPU_THROTTLE_RATE),
    tapRow('tap home tile → journey screen painted', measured.taps.tiles, CPU_THROTTLE_RATE),
    tapRow('tap toolbar home → home screen painted', measured.taps.home, CPU_THROTTLE_RATE),
    ...cardIdentifyRows(measured.card),
    ...identityCodeRows(measured.identityCode, CPU_THROTTLE_RATE),
    ...soakRows(measured.soak),
    ...outboxRows(measured.outbox),
    ...ticketIssues.flatMap(ticketIssueRows),
    ...certificateLists.flatMap(certificateListRows),
    ...quarterReports.flatMap(quarterReportRows),
  ];
  writeResults(RESULTS_FILE, rows, {
    chromium: measured.chromium,
    node: process.version,
    load: { before: loadBefore, after: loadAfter },
    cpuThrottleRate: CPU_THROTTLE_RATE,
    initialJs: { app: jsApp, blank: jsBlank },
    coldStart: { app: measured.coldApp, blank: measured.coldBlank },
    taps: measured.taps,
    cardIdentify: measured.card,
    identityCode: measured.identityCode,
    soak: measured.soak,
    outbox: measured.outbox,
    ticketIssues,
    certificateLists,
    quarterReports,
  });
  console.log(renderTable(rows));
  progress(`results written to ${RESULTS_FILE}; measured in ${Math.round((performance.now() - startedAt) / 1000)} s (the build before it not counted)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
