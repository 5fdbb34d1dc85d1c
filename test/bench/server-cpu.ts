import { readFileSync } from 'node:fs';

/** What the hall server (this process) spent per ticket during a load run. */
export interface ServerCpu {
  /** CPU of the process, worker threads included, per ticket stored. */
  cpuUsPerTicket: number;
  /**
   * CPU of the main thread per ticket stored: the event loop's own work, which requests queue
   * for. Unlike latency it does not depend on what else ran on the machine; null off Linux.
   */
  mainThreadUsPerTicket: number | null;
  /** Time the main thread was ready to run but had no core, per ticket: what other processes took from it. */
  mainThreadWaitUsPerTicket: number | null;
}

type Measured = { cpuUs: number; main: MainThread | null };
type MainThread = { runUs: number; waitUs: number };

/** The main thread's time on a core and waiting for one, from Linux's scheduler statistics (nanoseconds). */
function mainThread(): MainThread | null {
  try {
    const [runNs, waitNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { runUs: runNs! / 1000, waitUs: waitNs! / 1000 };
  } catch {
    return null;
  }
}

/**
 * Starts measuring this process; the returned function ends the measurement. The whole run
 * (warm-up, drain) is measured, not only its window: the server cannot tell the windows apart,
 * and the tickets stored are the whole run's too.
 */
export function meterServerCpu(): () => Measured {
  const cpuAtStart = process.cpuUsage();
  const mainAtStart = mainThread();
  return () => {
    const cpu = process.cpuUsage(cpuAtStart);
    const main = mainThread();
    return {
      cpuUs: cpu.user + cpu.system,
      main: main && mainAtStart && { runUs: main.runUs - mainAtStart.runUs, waitUs: main.waitUs - mainAtStart.waitUs },
    };
  };
}

export function perTicket(measured: Measured, tickets: number): ServerCpu {
  const per = (us: number) => (tickets === 0 ? 0 : us / tickets);
  return {
    cpuUsPerTicket: per(measured.cpuUs),
    mainThreadUsPerTicket: measured.main && per(measured.main.runUs),
    mainThreadWaitUsPerTicket: measured.main && per(measured.main.waitUs),
  };
}

export function describeServerCpu(cpu: ServerCpu): string {
  const main =
    cpu.mainThreadUsPerTicket === null
      ? ''
      : `, main thread ${Math.round(cpu.mainThreadUsPerTicket)} µs (and ${Math.round(cpu.mainThreadWaitUsPerTicket!)} µs waiting for a core)`;
  return `server CPU per ticket ${Math.round(cpu.cpuUsPerTicket)} µs${main}`;
}
