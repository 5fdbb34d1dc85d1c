import { latencySummary, type LatencySummary } from './stats.ts';

/** One stage of the full load (load-client.ts), as reported to the bench. */
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
  latencyMs: LatencySummary | null;
}

/** Collects a stage while the load runs: the responses that arrive between its start and its close. */
export class Window {
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
      latencyMs: latencySummary(values),
    };
  }
}
