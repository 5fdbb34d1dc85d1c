/**
 * Sends request k at start + k × interval (performance.now()'s clock), all that are due on each
 * timer turn; resolves after the last. A turn that comes late sends what is overdue at once: the
 * lateness is the sender's, and the caller measures it (send lag) rather than the timeline drifting.
 */
export function followTimeline(total: number, start: number, intervalMs: number, send: (index: number, scheduledAt: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    const turn = () => {
      const now = performance.now();
      for (; next < total && start + next * intervalMs <= now; next++) send(next, start + next * intervalMs);
      if (next < total) setTimeout(turn, start + next * intervalMs - performance.now());
      else resolve();
    };
    setTimeout(turn, start - performance.now());
  });
}
