/**
 * Who is at the terminal, as far as the kiosk knows, while the session lasts: the ID card on the
 * reader, or a signed identity code shown on a phone (a person's or an enterprise's), verified
 * here offline. Journeys read it: the ticket journey turns an elder's identity into the priority
 * lane, certificate retrieval sends its proof to the server. A card or code presented on the idle
 * home screen starts a visit at the identify screen; taking the session's card away ends the visit
 * where the hall says so. A typed ID number is never an identity.
 */
import { batch, computed, effect, signal } from '@preact/signals';
import type { HolderKind } from '../../core/certificates.ts';
import type { IdentityProof } from '../../core/certificate-wire.ts';
import { looksLikeIdentityCode, type IdentityClaims, type IdentityCodeRefusal } from '../../core/identity-code.ts';
import { birthDateOf, maskIdNumber, maskName } from '../../core/id-number.ts';
import { cardRefusal, lastCard, onCardEvent, requestCardAssertion } from '../../platform/bridge-client.ts';
import { kioskConfig } from '../../platform/config.ts';
import { lastScan } from '../../platform/scans.ts';
import type { JourneyId } from '../journeys/journeys.ts';
import { navigate, screen } from '../router.ts';
import { endSession, noteActivity, onSessionEnd, sessionActive, sessionEpoch } from '../session/store.ts';

/** The journey the identify screen leads on to; null when a card placed at home opened it. */
export const identifyPurpose = signal<JourneyId | null>(null);

export type DocumentType = 'resident' | 'foreign-permanent' | 'hmt-residence' | 'person-code' | 'enterprise-code';

/** What the screen may show of the citizen: never the whole number. */
export interface MaskedIdentity {
  name: string;
  idNumber: string;
  documentType: DocumentType;
}

export interface CitizenIdentity {
  kind: HolderKind;
  /** Shown only in the citizen's own views (their certificates), never elsewhere. */
  name: string;
  masked: MaskedIdentity;
  /** How the citizen identified: the card on the reader, or this identity code (proveIdentity turns it into a proof). */
  via: { kind: 'card' } | { kind: 'code'; code: string };
  /** The ID number or credit code, for requests that need it (a case's applicant); never shown. */
  subject: string;
  /** From the ID number, for the priority lane; null for an enterprise. */
  birthDate: string | null;
}

interface CodeIdentity {
  claims: IdentityClaims;
  code: string;
}

const codeIdentity = signal<CodeIdentity | null>(null);
/** Which of card and code identified the citizen last: the newer one counts. */
const latestSource = signal<'card' | 'code'>('card');
export const codeRefusal = signal<IdentityCodeRefusal | null>(null);
export const checkingCode = signal(false);

function fromCode({ claims, code }: CodeIdentity): CitizenIdentity {
  const person = claims.subjectKind === 'person';
  return {
    kind: claims.subjectKind,
    name: claims.name,
    masked: { name: person ? maskName(claims.name) : claims.name, idNumber: maskIdNumber(claims.subject), documentType: person ? 'person-code' : 'enterprise-code' },
    via: { kind: 'code', code },
    subject: claims.subject,
    birthDate: person ? birthDateOf(claims.subject) : null,
  };
}

export const identity = computed<CitizenIdentity | null>(() => {
  const code = codeIdentity.value;
  const card = lastCard.value;
  if (code && (latestSource.value === 'code' || !card)) return fromCode(code);
  if (!card) return null;
  return {
    kind: 'person',
    name: card.name,
    masked: { name: maskName(card.name), idNumber: maskIdNumber(card.idNumber), documentType: card.cardType },
    via: { kind: 'card' },
    subject: card.idNumber,
    birthDate: card.birthDate,
  };
});

export const maskedIdentity = computed<MaskedIdentity | null>(() => identity.value?.masked ?? null);

export const refusal = computed(() => cardRefusal.value);

/** The identified person's ID number for a request that needs it (priority ticket); null without one. */
export function cardIdNumber(): string | null {
  const citizen = identity.value;
  return citizen?.kind === 'person' ? citizen.subject : null;
}

/**
 * What the hall is given to believe who this is, for one request: the identity code, or the card
 * with a fresh assertion of the shell's device key. Null when the shell can vouch for no card (not
 * enrolled with a key, or the card gone): the hall would take the number as typed.
 */
export async function proveIdentity(citizen: CitizenIdentity): Promise<IdentityProof | null> {
  if (citizen.via.kind === 'code') return { kind: 'code', code: citizen.via.code };
  const assertion = await requestCardAssertion();
  return assertion ? { kind: 'card', idNumber: citizen.subject, name: citizen.name, assertion } : null;
}

export function openIdentify(purpose: JourneyId | null): void {
  identifyPurpose.value = purpose;
  navigate('identify');
}

/** Performance measures of each identity code: its offline check, and loading the verifier before it. */
export const IDENTITY_CODE_MEASURE = 'kiosk24:identity-code-check';
export const IDENTITY_CODE_LOAD_MEASURE = 'kiosk24:identity-code-load';

/** Screens where a presented card or code should lead to the identify screen first. */
const STARTS_IDENTIFY: ReadonlySet<string> = new Set(['home']);

/** Checks a scanned identity code offline; the citizen is identified by it, or told why not. */
export async function acceptIdentityCode(code: string): Promise<void> {
  if (STARTS_IDENTIFY.has(screen.value)) openIdentify(null);
  checkingCode.value = true;
  const epoch = sessionEpoch.peek();
  // The verifier and its cryptography load on the first code, not with the app.
  // For the bench and diagnostics: loading the verifier (the first code only), then the check itself.
  const loadStarted = performance.now();
  const { verifyIdentityCode } = await import('../../platform/identity-codes.ts');
  const checkStarted = performance.now();
  performance.measure(IDENTITY_CODE_LOAD_MEASURE, { start: loadStarted, end: checkStarted });
  const checked = await verifyIdentityCode(code);
  performance.measure(IDENTITY_CODE_MEASURE, { start: checkStarted, end: performance.now() });
  // The citizen left while the code was checked: it is nobody's identity now.
  if (sessionEpoch.peek() !== epoch) return;
  batch(() => {
    checkingCode.value = false;
    if (checked.ok) {
      codeIdentity.value = { claims: checked.value, code };
      latestSource.value = 'code';
      codeRefusal.value = null;
    } else codeRefusal.value = checked.reason;
  });
}

/** Connects card events and scanned identity codes to the session; returns the function that disconnects them. */
export function installIdentityReactions(): () => void {
  const stopCards = onCardEvent((event) => {
    if (event === 'removed') {
      if (kioskConfig.value.cardRemovalEndsSession && sessionActive.value && latestSource.value === 'card') endSession();
      return;
    }
    // Placing a card is a touch: it starts the visit, or keeps it alive.
    noteActivity();
    latestSource.value = 'card';
    if (STARTS_IDENTIFY.has(screen.value)) openIdentify(null);
  });
  let seen = lastScan.peek()?.seq ?? 0;
  const stopCodes = effect(() => {
    const scan = lastScan.value;
    if (!scan || scan.seq <= seen) return;
    seen = scan.seq;
    if (!looksLikeIdentityCode(scan.text)) return;
    noteActivity();
    void acceptIdentityCode(scan.text);
  });
  return () => {
    stopCards();
    stopCodes();
  };
}

onSessionEnd(() => {
  identifyPurpose.value = null;
  codeIdentity.value = null;
  latestSource.value = 'card';
  codeRefusal.value = null;
  checkingCode.value = false;
});
