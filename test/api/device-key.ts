/**
 * A terminal as kiosk-shell enrolls it, for API tests: a P-256 device key, its public half given at
 * enrollment, and card assertions signed with it exactly as the shell signs them (kiosk-shell/device).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { cardAssertionPayload, CARD_ASSERTION_TYPE, nameHash, SESSION_ASSERTION_TYPE, sessionAssertionPayload } from '../../src/core/device-assertion.ts';
import type { CaseSubmission } from '../../src/core/cases.ts';
import type { IdCardType } from '../../src/core/id-card.ts';
import { mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { signAssertion } from '../../kiosk-shell/device/sign.ts';
import type { Hall } from '../../src/server/hall.ts';

/** A hall in this process: an API test's, or the e2e fixture's. */
type InProcessHall = Pick<Hall, 'ctx' | 'app'>;

export interface CardToAssert {
  idNumber: string;
  name: string;
  cardType?: IdCardType;
}

export interface AssertOptions {
  /** Seconds added to the hall's now for iat (negative: an old assertion). */
  issuedAtOffsetS?: number;
  /** Seconds before (negative) the assertion that the card was read; at the same time by default. */
  readAtOffsetS?: number;
  counter?: number;
}

export interface KeyedTerminal {
  token: string;
  terminalId: string;
  name: string;
  privateKey: KeyObject;
  keyId: string;
  publicJwk: JWK;
  /** A card assertion of this terminal's key, dated by the hall's clock. */
  assertCard(card: CardToAssert, options?: AssertOptions): Promise<string>;
  /** A session assertion of this terminal's key. */
  assertSession(options?: AssertOptions): Promise<string>;
  /** A new session token, as kiosk-shell gets one when the last has run out (the hall's clock moved on); sets `token`. */
  renew(): Promise<string>;
}

let counter = 0;

export function newDeviceKey(): { privateKey: KeyObject; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicJwk: { kty, crv, x, y } };
}

/** Enrolls a terminal of `hall` with a new device key, through the API as kiosk-shell does. */
export async function enrollKeyedTerminal(hall: InProcessHall, name = `keyed-terminal-${++counter}`, key = newDeviceKey()): Promise<KeyedTerminal> {
  const { code } = await createEnrollment(hall.ctx, name);
  const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code, deviceKey: key.publicJwk } });
  if (response.statusCode !== 200) throw new Error(`enrollment failed: ${response.body}`);
  const { token, terminalId } = response.json() as { token: string; terminalId: string };
  const keyId = await calculateJwkThumbprint(key.publicJwk);
  const signing = { privateKey: key.privateKey, keyId };
  const issuedAt = (options: AssertOptions) => Math.floor(hall.ctx.clock.now() / 1000) + (options.issuedAtOffsetS ?? 0);
  const nextCounter = (options: AssertOptions) => options.counter ?? Date.now() * 1000 + ++counter;
  const device: KeyedTerminal = {
    token,
    terminalId,
    name,
    privateKey: key.privateKey,
    keyId,
    publicJwk: key.publicJwk,
    async assertCard(card, options = {}) {
      const payload = cardAssertionPayload({
        terminalId,
        idNumber: card.idNumber.toUpperCase(),
        nameHash: await nameHash(card.name),
        cardType: card.cardType ?? 'resident',
        readAt: (issuedAt(options) + (options.readAtOffsetS ?? 0)) * 1000,
        issuedAt: issuedAt(options),
        counter: nextCounter(options),
      });
      return signAssertion(signing, CARD_ASSERTION_TYPE, payload);
    },
    async assertSession(options = {}) {
      return signAssertion(signing, SESSION_ASSERTION_TYPE, sessionAssertionPayload({ terminalId, issuedAt: issuedAt(options), counter: nextCounter(options) }));
    },
    async renew() {
      const renewed = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion: await device.assertSession() } });
      if (renewed.statusCode !== 200) throw new Error(`session renewal failed: ${renewed.body}`);
      device.token = (renewed.json() as { token: string }).token;
      return device.token;
    },
  };
  return device;
}

/**
 * A case as the kiosk sends it with its applicant proven: a person by a card assertion of the
 * terminal's key, an enterprise by an identity code of the demo provider. A body with a proof
 * (or `proof: undefined` set on purpose, for an unproven case) is left as it is.
 */
export async function proven(hall: InProcessHall, device: KeyedTerminal, body: CaseSubmission): Promise<CaseSubmission> {
  const { applicant } = body as { applicant?: Partial<CaseSubmission['applicant']> | null };
  // A body a test broke on purpose (the fuzzer's) goes as it is.
  if ('proof' in body || typeof applicant?.id !== 'string' || typeof applicant.name !== 'string') return body;
  if (applicant.kind === 'enterprise') return { ...body, proof: { kind: 'code', code: await mintDemoCode(hall.ctx, { subject: applicant.id, name: applicant.name }) } };
  if (!/^\d{17}[\dX]$/.test(applicant.id)) return body;
  return { ...body, proof: { kind: 'card', assertion: await device.assertCard({ idNumber: applicant.id, name: applicant.name }) } };
}
