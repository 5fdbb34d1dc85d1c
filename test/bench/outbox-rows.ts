import { BUDGETS } from './budgets.ts';
import { count, fineMs, ms, perSecond } from './format.ts';
import type { OutboxDrain } from './outbox-drain.ts';
import { verdict, type Row } from './table.ts';

/** The outbox's rows (outbox-drain.ts): the drain against its budget, its count, where its time goes, and the writes. */

const never = (value: number | null) => (value === null ? 'not within the run' : ms(value));

/** Sending: from the first case stored to the last but those held back by their backoff. */
const sendingMs = (drain: OutboxDrain) => (drain.firstStoredMs === null || drain.mainPassMs === null ? null : drain.mainPassMs - drain.firstStoredMs);

function drainRow(drain: OutboxDrain): Row {
  const { plan } = drain;
  const sending = sendingMs(drain);
  const held = drain.heldBack > 0 ? `; ${drain.heldBack} entr${drain.heldBack === 1 ? 'y' : 'ies'} the app had tried while the hall was away waited out ${drain.heldBack === 1 ? 'its' : 'their'} backoff until ${never(drain.allStoredMs)}` : '';
  return {
    what: `outbox of ${count(plan.cases)} cases drained after reconnect: hall back → last case stored, ${plan.drainCpuRate}× CPU`,
    measured: never(drain.allStoredMs),
    budget: `≤ ${ms(BUDGETS.outboxDrainMs)}`,
    verdict: verdict(drain.allStoredMs !== null && drain.allStoredMs <= BUDGETS.outboxDrainMs),
    reference:
      `the app's next sync round began it after ${never(drain.firstStoredMs)} (lifted just after a failed round: every 10 s); ` +
      `sending took ${never(sending)}${sending ? ` (${perSecond((plan.cases - drain.heldBack) / (sending / 1000))})` : ''}${held}; ` +
      `the real PWA and its own sync loop, the hall in its own process on SQLite (WAL)`,
  };
}

function storedRow(drain: OutboxDrain): Row {
  const { stored, plan } = drain;
  const exact = stored.ofThisFill === plan.cases && stored.missing === 0 && stored.foreign === 0 && stored.doubled === 0 && stored.depthAtEnd === 0;
  return {
    what: 'outbox drain: cases of the outbox stored / doubled / other cases / left in the outbox',
    measured: `${count(stored.ofThisFill)} / ${stored.doubled} / ${stored.foreign} / ${stored.depthAtEnd}`,
    budget: `exactly ${count(plan.cases)} stored`,
    verdict: verdict(exact),
    reference: `checked by clientId on the hall after the drain; ${count(stored.missing)} missing`,
  };
}

/** No budget of its own: says what each case of the drain costs, and where. */
function perCaseRow(drain: OutboxDrain): Row {
  const sending = sendingMs(drain);
  const perCase = sending === null ? null : sending / Math.max(1, drain.plan.cases - drain.heldBack);
  const summary = (label: string, figures: OutboxDrain['roundTrip']) => (figures ? `${label} mean ${fineMs(figures.mean)} (p50 ${fineMs(figures.p50)}, p99 ${fineMs(figures.p99)})` : `${label} not timed`);
  return {
    what: 'outbox drain: time per case while sending (POST /api/v1/cases/batch, up to 100 entries a request)',
    measured: perCase === null ? 'not measured' : fineMs(perCase),
    budget: 'none set',
    verdict: 'info',
    reference:
      `per batch: ${summary('round trip in the page', drain.roundTrip)}; ${summary('on the hall, arrival → last byte', drain.onHall)}; per case: hall CPU ${fineMs(drain.hallCpuMsPerCase)}; ` +
      `page main thread ${fineMs(drain.pageMainThreadMsPerCase)}; the app's drainOutbox without the network (getAll, AES-GCM decrypt, delete) ${fineMs(drain.clientOnlyMsPerEntry)} per entry`,
  };
}

/** No budget in DESIGN.md; the app records no measure of its own around enqueue, so the bench times the calls. */
function writeRow(drain: OutboxDrain): Row {
  const { write, plan } = drain;
  return {
    what: `outbox write per case in the PWA (enqueue: JSON, AES-GCM, IndexedDB put, depth count), ${plan.writeCpuRate}× CPU, ${count(plan.cases)} cases: p50`,
    measured: fineMs(write.all.p50),
    budget: 'none set',
    verdict: 'info',
    reference:
      `p90 ${fineMs(write.all.p90)}, p99 ${fineMs(write.all.p99)}, max ${fineMs(write.all.max)}; first ${count(plan.edgeWrites)} p50 ${fineMs(write.first.p50)}, last ${count(plan.edgeWrites)} p50 ${fineMs(write.last.p50)}; ` +
      "the app's own outbox.ts (compiled from its source) in the enrolled kiosk's page, hall away, the app's sync rounds running",
  };
}

export function outboxRows(drain: OutboxDrain): Row[] {
  return [drainRow(drain), storedRow(drain), perCaseRow(drain), writeRow(drain)];
}
