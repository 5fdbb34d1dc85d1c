import { signal } from '@preact/signals';
import { requestJson } from '../shared/api.ts';
import { loadHallConfig, pageClock } from '../shared/hall-config.ts';
import { literal, object, string } from '../shared/parse.ts';

const Localized = object({ 'zh-CN': string, 'zh-TW': string, en: string });

/** GET /copies/:copyId/verification (src/core/certificate-wire.ts CopyVerification), checked field by field. */
export const CopyVerification = object({
  copyId: string,
  typeCode: string,
  typeName: Localized,
  certificateNumber: string,
  holderMasked: string,
  purpose: string,
  watermark: string,
  format: literal('a4', 'receipt'),
  terminalName: string,
  hallName: Localized,
  issuedAt: string,
});
export type CopyVerification = ReturnType<typeof CopyVerification>;

export type VerifyState =
  | { kind: 'loading' }
  | { kind: 'verified'; copy: CopyVerification; issuedAt: number; checkedAt: number }
  /** No copy of this hall has this id, or the link cannot be one. */
  | { kind: 'not-found' }
  /** The server could not be reached, failed or answered nonsense: nothing can be said about the copy yet. */
  | { kind: 'unreachable' };

export const verifyState = signal<VerifyState>({ kind: 'loading' });

let hallConfig: Promise<void> | null = null;

export async function verifyCopy(copyId: string | null): Promise<void> {
  // The hall's clock stamps "checked at"; it is read alongside, not before, to spare a phone a round trip.
  hallConfig ??= loadHallConfig();
  if (copyId === null) {
    verifyState.value = { kind: 'not-found' };
    return;
  }
  verifyState.value = { kind: 'loading' };
  const [result] = await Promise.all([requestJson(`/copies/${copyId}/verification`, CopyVerification), hallConfig]);
  if (result.ok) {
    const issuedAt = Date.parse(result.value.issuedAt);
    // A verdict is only shown for a complete answer; one without a readable time is treated like a garbled answer.
    verifyState.value = Number.isFinite(issuedAt) ? { kind: 'verified', copy: result.value, issuedAt, checkedAt: pageClock.now() } : { kind: 'unreachable' };
    return;
  }
  // Only the hall's own "no such copy" (or an id it refuses outright) may call a copy unknown: a network
  // failure, an overloaded server or a garbled answer must never make a genuine copy look forged.
  const unknown = result.error.status === 404 || result.error.status === 400;
  verifyState.value = { kind: unknown ? 'not-found' : 'unreachable' };
}
