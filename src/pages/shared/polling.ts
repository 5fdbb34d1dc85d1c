/**
 * Runs `task` now and then `intervalMs` after each run has finished, so a slow server never
 * gets a second request piled on the first. Returns a function that stops it.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<void>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    try {
      await task();
    } finally {
      if (!stopped) timer = setTimeout(() => void run(), intervalMs);
    }
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
