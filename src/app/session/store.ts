import { batch, signal } from '@preact/signals';
import type { Clock } from '../../core/clock.ts';
import { idlePhase, idlePolicy, type IdlePhase } from '../../core/idle.ts';
import { DEFAULT_LANGUAGE } from '../../core/language.ts';
import { language } from '../i18n/index.ts';

/**
 * One citizen's visit. It starts at the first touch and ends on exit, on idle timeout or on
 * recovery from an error; ending it resets every piece of state the visit created so that the
 * next person finds a fresh terminal.
 */
export const sessionActive = signal(false);
/** Changes at every session end; screens are keyed by it so their component state is dropped. */
export const sessionEpoch = signal(0);
export const elderMode = signal(false);
export const idle = signal<IdlePhase>({ kind: 'active' });

const resets = new Set<() => void>();

/** A journey store registers how to forget its state; returns the unregister function. */
export function onSessionEnd(reset: () => void): () => void {
  resets.add(reset);
  return () => resets.delete(reset);
}

let lastActivityAt = 0;
let idleSeconds = 60;
let ticker: ReturnType<typeof setInterval> | undefined;
let monotonic: Clock = { now: () => performance.now() };

/** The idle check runs often enough that the countdown never skips a second. */
const IDLE_TICK_MS = 250;

export function configureSession(options: { idleSeconds: number; monotonic?: Clock }): void {
  idleSeconds = options.idleSeconds;
  if (options.monotonic) monotonic = options.monotonic;
}

const secondsLeft = (phase: IdlePhase) => (phase.kind === 'warning' ? phase.secondsLeft : null);

function checkIdle(): void {
  const phase = idlePhase(idlePolicy(idleSeconds), lastActivityAt, monotonic.now());
  if (phase.kind === 'expired') endSession();
  // Assign only on change: every assignment would re-render the countdown four times a second.
  else if (phase.kind !== idle.value.kind || secondsLeft(phase) !== secondsLeft(idle.value)) idle.value = phase;
}

/** Any touch or key: starts a session if none is running, and restarts the idle countdown. */
export function noteActivity(): void {
  lastActivityAt = monotonic.now();
  if (idle.value.kind !== 'active') idle.value = { kind: 'active' };
  if (sessionActive.value) return;
  sessionActive.value = true;
  ticker = setInterval(checkIdle, IDLE_TICK_MS);
}

export function endSession(): void {
  clearInterval(ticker);
  ticker = undefined;
  batch(() => {
    for (const reset of resets) reset();
    language.value = DEFAULT_LANGUAGE;
    elderMode.value = false;
    idle.value = { kind: 'active' };
    sessionActive.value = false;
    sessionEpoch.value++;
  });
}

/**
 * A check, made before a request, that the visit it was made for is still on. An answer that
 * arrives after the citizen left (exit, idle, card taken away) belongs to nobody: the next
 * citizen must never find it on the screen.
 */
export function sessionGuard(): () => boolean {
  const epoch = sessionEpoch.peek();
  return () => sessionEpoch.peek() === epoch;
}
