/**
 * Print jobs one at a time, each job id at most once. The PWA retries a `print` it got no answer
 * for (a bridge reconnect, an app reload mid-job); a citizen must not get two tickets for it, so
 * a repeated id answers with the first job's outcome, or waits for it while it is still running.
 */
export interface JobQueueOptions {
  /** How many finished job ids are remembered; a retry comes within seconds, not hundreds of jobs later. */
  rememberedJobs?: number;
}

const DEFAULT_REMEMBERED_JOBS = 1000;

export class JobQueue<Outcome> {
  private readonly outcomes = new Map<string, Promise<Outcome>>();
  private tail: Promise<unknown> = Promise.resolve();
  private readonly remembered: number;

  constructor(options: JobQueueOptions = {}) {
    this.remembered = options.rememberedJobs ?? DEFAULT_REMEMBERED_JOBS;
  }

  /** Runs `work` after every job queued before it; a known job id gets the first outcome instead. */
  submit(jobId: string, work: () => Promise<Outcome>): Promise<Outcome> {
    const known = this.outcomes.get(jobId);
    if (known) return known;
    const outcome = this.tail.then(work);
    // The chain goes on whatever this job did; work is expected to turn failures into outcomes.
    this.tail = outcome.catch(() => undefined);
    this.outcomes.set(jobId, outcome);
    // Map keeps insertion order: the first key is the oldest job.
    while (this.outcomes.size > this.remembered) this.outcomes.delete(this.outcomes.keys().next().value!);
    return outcome;
  }

  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** Job ids become file names: anything but a safe character is replaced, so an id cannot climb out of the folder. */
export function fileSafeJobId(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'job';
}

/** A sortable, file-name-safe timestamp: 2026-03-15T10-15-00-123Z. */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}
