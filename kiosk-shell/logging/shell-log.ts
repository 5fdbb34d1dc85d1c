/**
 * The `(line) => void` log function the whole shell is handed: each line is made one physical
 * line, scrubbed of personal data, stamped with an ISO time and written to every sink (the
 * rotating file and stderr in production, an array in tests).
 */
import type { Clock } from '../../src/core/clock.ts';
import { scrubLine, singleLine } from './scrub.ts';

export type Log = (line: string) => void;

export interface ShellLogOptions {
  /** Where stamped lines go; each receives the line without a trailing newline. */
  sinks: ReadonlyArray<(line: string) => void>;
  /** The machine's real time: logs are read next to other machines' logs, so KIOSK_NOW does not apply. */
  clock?: Clock;
}

export function createShellLog(options: ShellLogOptions): Log {
  const now = options.clock ? () => options.clock!.now() : () => Date.now();
  return (line) => {
    const stamped = `${new Date(now()).toISOString()} ${scrubLine(singleLine(line))}`;
    for (const sink of options.sinks) sink(stamped);
  };
}
