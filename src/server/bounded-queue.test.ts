import { describe, expect, it, vi } from 'vitest';
import { BoundedQueue } from './bounded-queue.ts';

/** A job that ends only when the test says so. */
function heldJob(): { work: () => Promise<string>; started: boolean; finish: (value: string) => void } {
  const job = {
    started: false,
    finish: (_value: string) => undefined as void,
    work: () =>
      new Promise<string>((resolve) => {
        job.started = true;
        job.finish = resolve;
      }),
  };
  return job;
}

describe('BoundedQueue', () => {
  it('runs one job at a time, keeps two waiting, and refuses the next at once', async () => {
    const queue = new BoundedQueue(1, 2);
    const jobs = [heldJob(), heldJob(), heldJob()];
    const results = jobs.map((job) => queue.offer(job.work));
    expect(results.every((result) => result !== null)).toBe(true);
    expect(queue.offer(async () => 'late')).toBeNull();
    await vi.waitFor(() => expect(jobs[0]!.started).toBe(true));
    expect(jobs.map((job) => job.started)).toEqual([true, false, false]);

    await vi.waitFor(() => expect(jobs[0]!.started).toBe(true));
    jobs[0]!.finish('first');
    expect(await results[0]).toBe('first');
    await vi.waitFor(() => expect(jobs[1]!.started).toBe(true));
    expect(jobs.map((job) => job.started)).toEqual([true, true, false]);
    // A slot in the waiting line is free again.
    expect(queue.offer(async () => 'now accepted')).not.toBeNull();
    expect(queue.load).toBe(3);
  });

  it('frees the slot when a job fails', async () => {
    const queue = new BoundedQueue(1, 0);
    await expect(queue.offer(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await queue.offer(async () => 'next')).toBe('next');
    expect(queue.load).toBe(0);
  });

  it('lets unbounded work wait beyond the limit', async () => {
    const queue = new BoundedQueue(1, 0);
    const held = heldJob();
    const first = queue.offer(held.work)!;
    expect(queue.offer(async () => 'refused')).toBeNull();
    const waiting = queue.run(async () => 'waited');
    await vi.waitFor(() => expect(held.started).toBe(true));
    held.finish('done');
    expect(await first).toBe('done');
    expect(await waiting).toBe('waited');
  });
});
