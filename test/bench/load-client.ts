/**
 * The terminals, as a child process of the bench (ticket-load.ts forks it). autocannon in the
 * server's own process would take the server's event loop; in a process of its own it has the
 * other core. Gets a LoadOrder over IPC, answers with a LoadReport.
 *
 * One autocannon run whose connections are kept to the end, as terminals keep theirs, in three
 * stages: connecting at a gentle rate until every connection has had an answer, then full load
 * for the warm-up, then the measured window. Why not just full load from the start: a saturated
 * Node server accepts one new connection per event-loop turn (libuv ≥ 1.45), and a turn then
 * lasts as long as all the requests that arrived meanwhile; late connections wait in the accept
 * queue past autocannon's 10 s timeout, reconnect, and wait again, so a run would measure a
 * reconnect storm with a hundred of the 200 terminals never connected, not ticket issue.
 */
import autocannon from 'autocannon';
import { serveOrder } from './child.ts';
import { Window, type WindowResult } from './load-window.ts';
import { is2xx, Terminals } from './load-terminals.ts';

export interface LoadOrder {
  /** e.g. http://127.0.0.1:41234/api/v1/tickets */
  url: string;
  /** Device tokens, one per connection: each connection is a terminal of its own. */
  tokens: string[];
  /** Queue categories, taken in turn so every category's counter is contended. */
  categories: string[];
  connections: number;
  /** Requests per second per connection while connecting: far below what the server can take. */
  connectingRate: number;
  /** Full load before the window, after every connection is in. */
  warmupSeconds: number;
  durationSeconds: number;
  /** Go on to full load anyway after this long if some connection never got an answer (reported). */
  maxConnectingSeconds: number;
}

export interface LoadReport {
  /** Until every connection had its first answer, from the start of the run; null: never. */
  allConnectedAfterS: number | null;
  connecting: WindowResult;
  warmup: WindowResult;
  measured: WindowResult;
  /** Status and body of the first non-2xx answer, to say why. */
  firstFailure: string | null;
  /** Requests sent but not answered when autocannon stopped (it drops them). */
  cutOff: number;
  /** Non-2xx answers when those were sent again with the same clientId. */
  settleFailures: string[];
  /** Distinct clientIds answered 2xx: during the run or when settling. */
  answered2xx: number;
}

/** Where the run is: each stage ends where the next one starts; the window ends at measuredEnd. */
interface RunState {
  connecting: Window;
  warmup: Window | null;
  measured: Window | null;
  measuredEnd: number | null;
  allConnectedAt: number | null;
  answeredConnections: Set<autocannon.Client>;
}

/** A tick of autocannon's rate limiter: the time a paused connection may take to resume. */
const RATE_TICK_MS = 1000;

function startLoad(order: LoadOrder, terminals: Terminals, onDone: (error: unknown) => void): autocannon.Instance {
  return autocannon(
    {
      url: order.url,
      method: 'POST',
      connections: order.connections,
      connectionRate: order.connectingRate,
      // Latencies are taken from the response events; autocannon's own histogram is not used.
      ignoreCoordinatedOmission: true,
      // Stopped by hand once the window is over; this only bounds a run that goes wrong.
      duration: order.maxConnectingSeconds + order.warmupSeconds + order.durationSeconds + 30,
      setupClient: terminals.setupClient,
      requests: [{ setupRequest: terminals.setupRequest, onResponse: terminals.onResponse }],
    },
    (error: unknown) => onDone(error),
  );
}

async function run(order: LoadOrder): Promise<LoadReport> {
  const terminals = new Terminals(order);
  const started = performance.now();
  const state: RunState = {
    connecting: new Window(started),
    warmup: null,
    measured: null,
    measuredEnd: null,
    allConnectedAt: null,
    answeredConnections: new Set(),
  };
  let finish: (error: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve());
  });
  const instance = startLoad(order, terminals, (error) => finish(error));

  const current = (now: number): Window | null =>
    state.measuredEnd !== null && now >= state.measuredEnd ? null : (state.measured ?? state.warmup ?? state.connecting);
  const advance = (now: number) => {
    if (state.allConnectedAt === null && state.answeredConnections.size === order.connections) state.allConnectedAt = now;
    if (!state.warmup && (state.allConnectedAt !== null || now - started >= order.maxConnectingSeconds * 1000)) {
      terminals.fullLoad();
      state.connecting.close(now);
      state.warmup = new Window(now);
    }
    // The warm-up includes one rate tick, so that every paused connection is at full load.
    if (state.warmup && !state.measured && now - state.warmup.start >= Math.max(order.warmupSeconds * 1000, RATE_TICK_MS * 1.5)) {
      state.warmup.close(now);
      state.measured = new Window(now);
    }
    if (state.measured && state.measuredEnd === null && now - state.measured.start >= order.durationSeconds * 1000) {
      state.measuredEnd = now;
      state.measured.close(now);
      instance.stop();
    }
  };
  instance.on('response', (client, status, _bytes, responseTime) => {
    const now = performance.now();
    state.answeredConnections.add(client);
    const window = current(now);
    if (window) {
      window.latencies.push(responseTime);
      if (is2xx(status)) window.ok2xx++;
      window.statusCodes[status] = (window.statusCodes[status] ?? 0) + 1;
    }
    advance(now);
  });
  instance.on('reqError', (error: unknown) => {
    const window = current(performance.now());
    if (!window) return;
    window.errors++;
    if (error instanceof Error && error.message.includes('timed out')) window.timeouts++;
  });
  // Responses drive the stages; this covers a server that has stopped answering.
  const ticker = setInterval(() => advance(performance.now()), 100);
  try {
    await finished;
  } finally {
    clearInterval(ticker);
  }
  const { warmup, measured, measuredEnd } = state;
  if (!warmup || !measured || measuredEnd === null) throw new Error('the load ended before its measured window did');
  const cutOff = terminals.pending.size;
  const settleFailures = await terminals.settle();
  return {
    allConnectedAfterS: state.allConnectedAt === null ? null : (state.allConnectedAt - started) / 1000,
    connecting: state.connecting.result(),
    warmup: warmup.result(),
    measured: measured.result(),
    firstFailure: terminals.firstFailure,
    cutOff,
    settleFailures,
    answered2xx: terminals.answered.size,
  };
}

serveOrder(run);
