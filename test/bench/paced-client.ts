/**
 * The terminals at a steady pace, as a child process of the bench (paced-load.ts forks it), so
 * that it never takes the server's event loop. Gets a PacedOrder over IPC, answers with a
 * PacedReport.
 *
 * Why not autocannon: its rate limit lets each connection send its whole quota for the second
 * at once and then pause until the next tick, so "5 per second" arrives as 200 requests at the
 * top of every second. Here every request has its time on a fixed timeline, request k at
 * k ÷ (total rate): with 200 terminals at 5 per s, one every millisecond, terminal k mod 200,
 * so each terminal sends every 200 ms. Open-loop: a request goes out at its time even if the
 * terminal's previous one is still unanswered (it then waits for the terminal's one keep-alive
 * connection), and its latency runs from its scheduled time. A slow server therefore shows as
 * latency, not as a generator that politely waits and offers less ("coordinated omission").
 */
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import { serveOrder } from './child.ts';
import { PacedStats, type PacedWindow } from './paced-window.ts';
import { followTimeline } from './timeline.ts';

export interface PacedOrder {
  /** e.g. http://127.0.0.1:41234/api/v1/tickets */
  url: string;
  /** Device tokens, one per terminal; each terminal has one keep-alive connection of its own. */
  tokens: string[];
  /** Queue categories, taken in turn so every category's counter is contended. */
  categories: string[];
  perTerminalPerS: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** After the last scheduled send, how long the answers may take; the rest are cut off. */
  drainSeconds: number;
}

export interface PacedReport {
  warmup: PacedWindow;
  measured: PacedWindow;
  /** From the last scheduled send until every request was answered; null: cut off at drainSeconds. */
  drainedAfterS: number | null;
  /** Status and body (or connection error) of the first failure, to say why. */
  firstFailure: string | null;
  /** Requests without an answer (cut off, or failed at the connection), sent again with the same clientId. */
  resent: number;
  /** Non-2xx answers to those. */
  settleFailures: string[];
  /** Distinct clientIds answered 2xx: during the run or when sending again. */
  answered2xx: number;
}

interface Flight {
  clientId: string;
  token: string;
  category: string;
  scheduledAt: number;
  stats: PacedStats;
  request: ClientRequest;
  done: boolean;
}

/** Time to set up the timeline before its first request. */
const START_DELAY_MS = 50;

const is2xx = (status: number) => status >= 200 && status < 300;
/** One line without pipes: it goes into a cell of the Markdown table. */
const oneLine = (text: string) => text.slice(0, 300).replace(/[\r\n|]+/g, ' ');

class PacedRun {
  private readonly agents: Agent[];
  private readonly inFlight = new Set<Flight>();
  /** Requests that have no answer: sent again at the end, as a terminal's outbox would. */
  private readonly unanswered = new Map<string, { token: string; category: string }>();
  private readonly answered = new Set<string>();
  private firstFailure: string | null = null;
  private onIdle: (() => void) | null = null;

  constructor(
    private readonly order: PacedOrder,
    private readonly windows: PacedStats[],
  ) {
    // One agent per terminal, one socket each: a terminal's requests queue behind one another.
    this.agents = order.tokens.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  }

  private windowAt(time: number): PacedStats | undefined {
    return this.windows.find((window) => window.contains(time));
  }

  send(index: number, scheduledAt: number): void {
    const { tokens, categories, url } = this.order;
    const token = tokens[index % tokens.length]!;
    const category = categories[index % categories.length]!;
    const clientId = randomUUID();
    const body = JSON.stringify({ clientId, category });
    // The last request is due a moment before the end; should rounding put it at the end, it is still the window's.
    const stats = this.windowAt(scheduledAt) ?? this.windows.at(-1)!;
    stats.scheduled++;
    stats.sendLags.push(performance.now() - scheduledAt);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` };
    const request = httpRequest(url, { method: 'POST', agent: this.agents[index % tokens.length], headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => this.answer(flight, response.statusCode ?? 0, text));
      response.on('error', (error) => this.fail(flight, error));
    });
    const flight: Flight = { clientId, token, category, scheduledAt, stats, request, done: false };
    this.inFlight.add(flight);
    request.on('error', (error) => this.fail(flight, error));
    request.end(body);
  }

  private settled(flight: Flight): void {
    flight.done = true;
    this.inFlight.delete(flight);
    if (this.inFlight.size === 0) this.onIdle?.();
  }

  private answer(flight: Flight, status: number, text: string): void {
    if (flight.done) return;
    const now = performance.now();
    flight.stats.answered(status, now - flight.scheduledAt);
    if (is2xx(status)) {
      this.answered.add(flight.clientId);
      const window = this.windowAt(now);
      if (window) window.answeredInWindow++;
    } else {
      this.firstFailure ??= oneLine(`${status} ${text}`);
    }
    this.settled(flight);
  }

  private fail(flight: Flight, error: Error): void {
    if (flight.done) return;
    flight.stats.errors++;
    this.firstFailure ??= oneLine(`connection: ${error.message}`);
    this.unanswered.set(flight.clientId, { token: flight.token, category: flight.category });
    this.settled(flight);
  }

  /** Waits until every request has its answer, or cuts the rest off after `ms`; true if all answered. */
  drain(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.onIdle = null;
        const now = performance.now();
        for (const flight of [...this.inFlight]) {
          flight.stats.cutOff++;
          flight.stats.latencies.push(now - flight.scheduledAt);
          this.unanswered.set(flight.clientId, { token: flight.token, category: flight.category });
          this.settled(flight);
          flight.request.destroy();
        }
        resolve(false);
      }, ms);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      if (this.inFlight.size === 0) this.onIdle();
    });
  }

  /** Closes the terminals' connections, then sends the unanswered requests again with the same clientId. */
  async settle(): Promise<Pick<PacedReport, 'firstFailure' | 'resent' | 'settleFailures' | 'answered2xx'>> {
    for (const agent of this.agents) agent.destroy();
    const settleFailures: string[] = [];
    for (const [clientId, { token, category }] of this.unanswered) {
      const response = await fetch(this.order.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, category }),
      });
      const text = await response.text();
      if (is2xx(response.status)) this.answered.add(clientId);
      else settleFailures.push(oneLine(`${response.status} ${text}`));
    }
    return { firstFailure: this.firstFailure, resent: this.unanswered.size, settleFailures, answered2xx: this.answered.size };
  }
}

async function run(order: PacedOrder): Promise<PacedReport> {
  const perS = order.tokens.length * order.perTerminalPerS;
  const start = performance.now() + START_DELAY_MS;
  const measuredStart = start + order.warmupSeconds * 1000;
  const end = measuredStart + order.durationSeconds * 1000;
  const warmup = new PacedStats(start, measuredStart);
  const measured = new PacedStats(measuredStart, end);
  const load = new PacedRun(order, [warmup, measured]);
  await followTimeline(Math.round(((end - start) / 1000) * perS), start, 1000 / perS, (index, at) => load.send(index, at));
  const lastSend = performance.now();
  const drained = await load.drain(order.drainSeconds * 1000);
  const drainedAfterS = drained ? (performance.now() - lastSend) / 1000 : null;
  const settled = await load.settle();
  // The last request goes out a moment before the window's end, when its CPU reading is due.
  await measured.ended;
  return { warmup: warmup.result(), measured: measured.result(), drainedAfterS, ...settled };
}

serveOrder(run);
