/**
 * Runs at most `concurrency` jobs at a time and keeps at most `waitLimit` more waiting. A job
 * offered when both are full is refused at once (`null`) instead of joining a queue that only
 * grows: the caller answers "busy, try again" while the work already accepted still finishes.
 */
export class BoundedQueue {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly waitLimit: number,
  ) {}

  /** Jobs running or waiting now. */
  get load(): number {
    return this.#running + this.#waiting.length;
  }

  /** `work` once a slot is free, or null at once when the queue is full. */
  offer<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.#running >= this.concurrency && this.#waiting.length >= this.waitLimit) return null;
    return this.run(work);
  }

  /** `work` once a slot is free, however long the queue (for work that must happen, e.g. a CLI). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The slot passes straight to the next waiting job, so `#running` never dips below the truth. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}
