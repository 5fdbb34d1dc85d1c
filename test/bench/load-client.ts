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
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { percentile } from './stats.ts';

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

export interface WindowResult {
  seconds: number;
  ok2xx: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU this load generator used, in cores (CPU seconds per second): what it took from the server. */
  generatorCores: number;
  /** Of the responses completed in the window, 2xx or not. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number } | null;
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

interface Pending {
  token: string;
  category: string;
}

type Context = { clientId?: string };

const is2xx = (status: number) => status >= 200 && status < 300;

class Window {
  readonly latencies: number[] = [];
  ok2xx = 0;
  errors = 0;
  timeouts = 0;
  readonly statusCodes: Record<string, number> = {};
  private readonly cpuAtStart = process.cpuUsage();
  private end: { at: number; cpu: NodeJS.CpuUsage } | null = null;

  constructor(readonly start: number) {}

  close(now: number): void {
    this.end ??= { at: now, cpu: process.cpuUsage() };
  }

  result(): WindowResult {
    if (!this.end) throw new Error('the result of a window that has not ended');
    const values = this.latencies;
    const seconds = (this.end.at - this.start) / 1000;
    const cpuMicros = this.end.cpu.user - this.cpuAtStart.user + (this.end.cpu.system - this.cpuAtStart.system);
    return {
      seconds,
      ok2xx: this.ok2xx,
      non2xx: values.length - this.ok2xx,
      errors: this.errors,
      timeouts: this.timeouts,
      statusCodes: this.statusCodes,
      generatorCores: cpuMicros / 1e6 / seconds,
      latencyMs:
        values.length === 0
          ? null
          : {
              mean: values.reduce((sum, value) => sum + value, 0) / values.length,
              p50: percentile(values, 50),
              p90: percentile(values, 90),
              p99: percentile(values, 99),
              max: percentile(values, 100),
            },
    };
  }
}

class Terminals {
  readonly clients: autocannon.Client[] = [];
  private nextToken = 0;
  private nextCategory = 0;
  /** Sent, not answered yet: what the stop cuts off. */
  readonly pending = new Map<string, Pending>();
  readonly answered = new Set<string>();
  firstFailure: string | null = null;

  constructor(private readonly order: LoadOrder) {}

  /** Per connection: its own device token, as each real terminal has. */
  setupClient = (client: autocannon.Client): void => {
    const token = this.order.tokens[this.nextToken++ % this.order.tokens.length]!;
    this.clients.push(client);
    client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  };

  /** Per request: a fresh clientId, as a citizen's tap on "take a ticket" makes. */
  setupRequest = (request: autocannon.Request, context: object): autocannon.Request => {
    const clientId = randomUUID();
    const category = this.order.categories[this.nextCategory++ % this.order.categories.length]!;
    const authorization = request.headers?.authorization;
    // autocannon builds each connection's first request once before setupClient has set the
    // token; that one is never sent, so it is not tracked.
    if (authorization) {
      (context as Context).clientId = clientId;
      this.pending.set(clientId, { token: authorization.slice('Bearer '.length), category });
    }
    return { ...request, body: JSON.stringify({ clientId, category }) };
  };

  onResponse = (status: number, body: string, context: object): void => {
    const clientId = (context as Context).clientId;
    if (clientId) this.pending.delete(clientId);
    if (is2xx(status)) {
      if (clientId) this.answered.add(clientId);
    } else {
      // One line without pipes: it goes into a cell of the Markdown table.
      this.firstFailure ??= `${status} ${body.slice(0, 300)}`.replace(/[\r\n|]+/g, ' ');
    }
  };

  /**
   * Lifts the connecting rate. autocannon has no API for it: its client sends while
   * `reqsMadeThisSecond < rate` and resumes a paused connection on its next one-second tick.
   * A huge rate rather than 0: destroy() only clears that tick while the rate is set.
   */
  fullLoad(): void {
    for (const client of this.clients) {
      const limited = client as unknown as { rate?: unknown };
      // Should a new autocannon keep its rate elsewhere, the "full load" would silently stay at the connecting rate.
      if (typeof limited.rate !== 'number') throw new Error('autocannon: no per-connection rate to lift (its internals changed)');
      limited.rate = Number.MAX_SAFE_INTEGER;
    }
  }

  /**
   * Sends the cut-off requests again with the same clientId, as a terminal's outbox would:
   * afterwards every clientId has its answer, so the tickets stored must equal the 2xx answers.
   */
  async settle(): Promise<string[]> {
    const failures: string[] = [];
    for (const [clientId, { token, category }] of this.pending) {
      const response = await fetch(this.order.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, category }),
      });
      const text = await response.text();
      if (is2xx(response.status)) this.answered.add(clientId);
      else failures.push(`${response.status} ${text.slice(0, 300)}`);
    }
    return failures;
  }
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

process.once('message', (order: LoadOrder) => {
  run(order).then(
    (report) => process.send!({ report }, () => process.disconnect()),
    (error: unknown) => process.send!({ error: String(error instanceof Error ? error.stack : error) }, () => process.disconnect()),
  );
});
