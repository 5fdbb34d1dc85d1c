import { latencySummary, percentile, type LatencySummary } from './stats.ts';

/** One window of the paced load (paced-client.ts), as reported to the bench. */
export interface PacedWindow {
  seconds: number;
  /** Requests scheduled in the window, and per second: the load offered. */
  scheduled: number;
  offeredPerS: number;
  /** 2xx answers that arrived during the window, per second: what the server kept up with. */
  answeredPerS: number;
  /** Of the requests scheduled in the window, however late answered: */
  ok2xx: number;
  non2xx: number;
  /** Failed at the connection (reset, refused): no answer at all. */
  errors: number;
  /** Still unanswered when the drain time was up; each counts with its wait until then, a lower bound. */
  cutOff: number;
  statusCodes: Record<string, number>;
  /** From the scheduled send to the answer's last byte: the wait behind the terminal's previous request included. */
  latencyMs: LatencySummary | null;
  /** How late the generator handed requests to their connection: its own share of every latency. */
  sendLagMs: { p99: number; max: number } | null;
  /** CPU the generator used during the window, in cores (CPU seconds per second): what it took from the server. */
  generatorCores: number;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/**
 * Collects a window while the load runs. A request belongs to the window its scheduled send
 * falls in, whenever its answer comes: open-loop, so a slow answer stays in the figures of the
 * window that offered it instead of thinning out the next one's requests.
 */
export class PacedStats {
  readonly latencies: number[] = [];
  readonly sendLags: number[] = [];
  scheduled = 0;
  ok2xx = 0;
  non2xx = 0;
  errors = 0;
  cutOff = 0;
  answeredInWindow = 0;
  readonly statusCodes: Record<string, number> = {};
  private cpuAtStart: NodeJS.CpuUsage | null = null;
  private cpuAtEnd: NodeJS.CpuUsage | null = null;
  /** Resolves once the window's time is over and its CPU reading taken. */
  readonly ended: Promise<void>;

  /** start and end on performance.now()'s clock; the CPU is read by timers at both. */
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    setTimeout(() => (this.cpuAtStart = process.cpuUsage()), start - performance.now());
    this.ended = new Promise((resolve) =>
      setTimeout(() => {
        this.cpuAtEnd = process.cpuUsage();
        resolve();
      }, end - performance.now()),
    );
  }

  contains(time: number): boolean {
    return time >= this.start && time < this.end;
  }

  answered(status: number, latencyMs: number): void {
    this.latencies.push(latencyMs);
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (status >= 200 && status < 300) this.ok2xx++;
    else this.non2xx++;
  }

  result(): PacedWindow {
    if (!this.cpuAtStart || !this.cpuAtEnd) throw new Error('the result of a window that has not ended');
    const seconds = (this.end - this.start) / 1000;
    return {
      seconds,
      scheduled: this.scheduled,
      offeredPerS: this.scheduled / seconds,
      answeredPerS: this.answeredInWindow / seconds,
      ok2xx: this.ok2xx,
      non2xx: this.non2xx,
      errors: this.errors,
      cutOff: this.cutOff,
      statusCodes: this.statusCodes,
      latencyMs: latencySummary(this.latencies),
      sendLagMs: this.sendLags.length === 0 ? null : { p99: percentile(this.sendLags, 99), max: percentile(this.sendLags, 100) },
      generatorCores: (cpuSeconds(this.cpuAtEnd) - cpuSeconds(this.cpuAtStart)) / seconds,
    };
  }
}
