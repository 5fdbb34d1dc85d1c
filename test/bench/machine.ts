import { availableParallelism, loadavg } from 'node:os';
import { progress } from './format.ts';

export interface MachineLoad {
  cores: number;
  /** 1-minute load average; above the core count, other work competed with the measurements. */
  loadAverage: number;
}

export function machineLoad(): MachineLoad {
  return { cores: availableParallelism(), loadAverage: Number(loadavg()[0]!.toFixed(2)) };
}

/**
 * Timings on a busy machine say more about the machine than about the app: say so.
 * `ownLoad` is what the bench itself adds (its Chromium keeps about one core busy).
 */
export function warnIfBusy(when: string, load: MachineLoad, ownLoad = 0): void {
  if (load.loadAverage <= load.cores + ownLoad) return;
  progress(`WARNING ${when}: load average ${load.loadAverage} on ${load.cores} cores; other work may have competed for the CPU, compare timings with care`);
}
