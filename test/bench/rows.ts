import { BUDGETS } from './budgets.ts';
import type { ColdStart } from './cold-start.ts';
import { count, fineMs, kb, mb, ms, signedMb, tapMs } from './format.ts';
import type { IdentityCodeCheck } from './identity-code.ts';
import type { InitialJs } from './initial-js.ts';
import type { Soak } from './soak.ts';
import { verdict, type Row } from './table.ts';
import type { TapSeries } from './tap.ts';

/**
 * Turns the page measurements into table rows with their verdicts against DESIGN.md's budgets
 * (ID card: card-rows.ts; ticket issue: ticket-rows.ts; certificate list: certificate-rows.ts).
 */

const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;

export function initialJsRow(app: InitialJs, blank: InitialJs): Row {
  return {
    what: 'initial JS of the PWA, gzip',
    measured: `${kb(app.gzipBytes)} (${files(app.files.length)})`,
    budget: `≤ ${kb(BUDGETS.initialJsGzipBytes)}`,
    verdict: verdict(app.gzipBytes <= BUDGETS.initialJsGzipBytes),
    reference: `blank Preact page + SW: ${kb(blank.gzipBytes)} (${files(blank.files.length)})`,
  };
}

export function coldStartRow(app: ColdStart, blank: ColdStart, cpuRate: number): Row {
  return {
    what: `offline cold start to interactive home, ${cpuRate}× CPU, median of ${app.samplesMs.length}`,
    measured: ms(app.medianMs),
    budget: `≤ ${ms(BUDGETS.coldStartMs)}`,
    verdict: verdict(app.medianMs <= BUDGETS.coldStartMs),
    reference: `blank Preact page + SW: ${ms(blank.medianMs)}`,
  };
}

/** The verdict is on the slowest tap (with under 50 interactions, INP is the worst one too). */
export function tapRow(what: string, taps: TapSeries, cpuRate: number): Row {
  const first = taps.samples[0]?.durationMs ?? null;
  return {
    what: `${what}, ${cpuRate}× CPU, max of ${taps.samples.length}`,
    measured: tapMs(taps.maxMs),
    budget: `≤ ${ms(BUDGETS.tapMs)}`,
    verdict: verdict(taps.maxMs === null || taps.maxMs <= BUDGETS.tapMs),
    reference: `p75 ${tapMs(taps.p75Ms)}, first tap ${tapMs(first)}`,
  };
}

export function soakRows(soak: Soak): Row[] {
  const growth = soak.after.heapUsedBytes - soak.before.heapUsedBytes;
  const clean = soak.markersLeft.length === 0 && soak.nextCitizenSees === '';
  return [
    {
      what: `${count(soak.sessions)} sessions: JS heap growth after GC`,
      measured: `${signedMb(growth)} (${mb(soak.before.heapUsedBytes)} → ${mb(soak.after.heapUsedBytes)})`,
      budget: `≤ ${mb(BUDGETS.soakHeapGrowthBytes)}`,
      verdict: verdict(growth <= BUDGETS.soakHeapGrowthBytes),
      reference: `second half (${count(soak.sessions - soak.halfway)} sessions): ${signedMb(soak.after.heapUsedBytes - soak.middle.heapUsedBytes)}`,
    },
    {
      what: `${count(soak.sessions)} sessions: DOM nodes after GC`,
      measured: `${soak.before.nodes} → ${soak.after.nodes}`,
      budget: `≤ baseline (${soak.before.nodes})`,
      verdict: verdict(soak.after.nodes <= soak.before.nodes),
      reference: `documents ${soak.before.documents} → ${soak.after.documents}, JS listeners ${soak.before.jsEventListeners} → ${soak.after.jsEventListeners}`,
    },
    {
      what: `${count(soak.sessions)} sessions: typed case numbers left in the page`,
      measured: soak.markersLeft.length === 0 ? 'none' : `${soak.markersLeft.length} (e.g. ${soak.markersLeft[0]})`,
      budget: 'none',
      verdict: verdict(clean),
      reference: `next citizen's case number field: ${soak.nextCitizenSees === '' ? 'empty' : `"${soak.nextCitizenSees}"`}`,
    },
  ];
}

/** No budget in DESIGN.md: the first code (which loads jose) and the codes after it, apart. */
export function identityCodeRows(check: IdentityCodeCheck, cpuRate: number): Row[] {
  const what = `identity code checked offline in the PWA (verifier, ES256 with jose, replay record in IndexedDB), ${cpuRate}× CPU`;
  const accepted = `${check.accepted} of ${check.rounds + 1} codes identified the citizen` + (check.refusals.length > 0 ? ` (refused: ${check.refusals.join(', ')})` : '');
  return [
    {
      what: `${what}: first code of the page`,
      measured: fineMs(check.firstMs),
      budget: 'none set',
      verdict: 'info',
      reference: `loads ${check.lazyChunks.length > 0 ? check.lazyChunks.join(', ') : 'no chunk'} from the precache; the app's measures kiosk24:identity-code-load + kiosk24:identity-code-check; ${accepted}`,
    },
    {
      what: `${what}: next codes, p50 of ${check.rounds}`,
      measured: fineMs(check.warm.p50),
      budget: 'none set',
      verdict: 'info',
      reference:
        `p90 ${fineMs(check.warm.p90)}, max ${fineMs(check.warm.max)}; a fresh code of the demo provider per visit from a keyboard-wedge scanner on the home screen, ` +
        "visit ended between codes; the app's measure kiosk24:identity-code-check",
    },
  ];
}
