/**
 * A pseudo-terminal for a simulated serial device, made by pty-relay.py (python3's standard
 * library: Node has no pty of its own, and socat is not on every machine). The driver under test
 * opens `ptyPath` as it would /dev/ttyUSB0; the simulator reads and writes the other end here.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PtyRelay {
  /** The slave side, e.g. /dev/pts/7: what a driver opens. */
  readonly ptyPath: string;
  /** Bytes towards the driver. */
  write(bytes: Uint8Array): void;
  /** Bytes the driver wrote. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Ends the relay: the pty disappears, as a pulled USB adapter does. */
  close(): Promise<void>;
}

const HELPER = fileURLToPath(new URL('./pty-relay.py', import.meta.url));
const START_TIMEOUT_MS = 5000;

export function openPtyRelay(options: { python?: string } = {}): Promise<PtyRelay> {
  const python = options.python ?? process.env.KIOSK_PYTHON ?? 'python3';
  const child = spawn(python, [HELPER], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const listeners = new Set<(bytes: Uint8Array) => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    for (const listener of listeners) listener(new Uint8Array(chunk));
  });
  // A write racing the helper's exit must not crash the simulator.
  child.stdin.on('error', () => {});

  return new Promise<PtyRelay>((resolve, reject) => {
    let stderr = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`pty relay: ${message}`));
    };
    const timer = setTimeout(() => fail('no pty path within 5 s'), START_TIMEOUT_MS);
    child.once('error', (error) => fail(`cannot start ${python} (${error.message}); python3 is needed for simulated serial devices`));
    const exitedEarly = (code: number | null) => fail(`helper exited with ${code}: ${stderr.trim()}`);
    child.once('close', exitedEarly);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      const match = /^PTY (\S+)$/m.exec(stderr);
      if (!match) return;
      clearTimeout(timer);
      child.off('close', exitedEarly);
      child.stderr.removeAllListeners('data');
      resolve({
        ptyPath: match[1]!,
        write: (bytes) => {
          if (child.stdin.writable) child.stdin.write(bytes);
        },
        onData: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.stdin.end();
            const killer = setTimeout(() => child.kill('SIGKILL'), 1000);
            await exited;
            clearTimeout(killer);
          }
          listeners.clear();
        },
      });
    });
  });
}
