/**
 * When a citizen walks away, the session must end by itself: after `timeoutMs` without a touch,
 * the last `warningMs` of which show a visible countdown that any touch cancels.
 */
export interface IdlePolicy {
  timeoutMs: number;
  warningMs: number;
}

export type IdlePhase =
  | { kind: 'active' }
  | { kind: 'warning'; secondsLeft: number }
  | { kind: 'expired' };

export const DEFAULT_IDLE_SECONDS = 60;
export const IDLE_WARNING_SECONDS = 10;
/** Shorter than this, the countdown would take most of the session. */
export const MIN_IDLE_SECONDS = 20;
export const MAX_IDLE_SECONDS = 600;

export function idlePolicy(timeoutSeconds: number): IdlePolicy {
  return { timeoutMs: timeoutSeconds * 1000, warningMs: IDLE_WARNING_SECONDS * 1000 };
}

export function idlePhase(policy: IdlePolicy, lastActivityAt: number, now: number): IdlePhase {
  const remaining = policy.timeoutMs - Math.max(0, now - lastActivityAt);
  if (remaining <= 0) return { kind: 'expired' };
  if (remaining <= policy.warningMs) return { kind: 'warning', secondsLeft: Math.ceil(remaining / 1000) };
  return { kind: 'active' };
}

/** A configured timeout in seconds, kept within the range a hall may choose. */
export function normalizeIdleSeconds(value: unknown): number {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return DEFAULT_IDLE_SECONDS;
  return Math.min(MAX_IDLE_SECONDS, Math.max(MIN_IDLE_SECONDS, Math.round(seconds)));
}
