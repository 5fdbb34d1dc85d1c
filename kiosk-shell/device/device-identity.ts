/**
 * The terminal's identity as kiosk-shell holds it: the device key (device-store.ts), enrollment
 * with the hall, the session token the page uses for the hall's API, and card assertions.
 *
 * - Enrollment: a one-time code (from the page's `#enroll=` or `--enroll`) and a new key's public
 *   half go to the hall; the key is kept only once the hall has accepted it.
 * - Session: the page never holds a long-lived credential. The shell signs a session assertion
 *   with the key, gets a token that lives an hour, renews it at half-life and passes it to the
 *   page over the bridge, which keeps it in memory only.
 * - Cards: the shell signs an assertion for a card its own reader read, when it is read and on
 *   request while it is still on the reader; never for anything the page says.
 * - Time: assertions are dated by the hall's clock (learned from its answers), so a terminal PC
 *   whose clock is minutes off still identifies citizens.
 */
import { calculateJwkThumbprint } from 'jose';
import type { AssertionFailure, BridgeTerminal, EnrollFailure } from '../../src/core/bridge-messages.ts';
import type { Clock } from '../../src/core/clock.ts';
import {
  CARD_ASSERTION_TYPE,
  cardAssertionPayload,
  nameHash,
  SESSION_ASSERTION_TYPE,
  sessionAssertionPayload,
  type AssertionType,
} from '../../src/core/device-assertion.ts';
import type { IdCard } from '../../src/core/id-card.ts';
import type { DeviceKeyPair, DeviceStore } from './device-store.ts';
import { signAssertion } from './sign.ts';

export interface Session {
  token: string;
  expiresAt: string;
  terminal: BridgeTerminal;
}

export type SessionEvent = { kind: 'session'; session: Session } | { kind: 'none'; reason: string };

export interface DeviceIdentityOptions {
  store: DeviceStore;
  /** The hall server's origin, e.g. http://10.0.0.5:8080. */
  server: string;
  clock: Clock;
  log?: (line: string) => void;
  /** The hall's HTTP client; tests may replace it. */
  fetch?: typeof fetch;
}

/** A citizen waits behind enrollment and renewals only rarely; a hall that does not answer in this time counts as unreachable. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Renewal retries after a failure: 1 s doubling to a minute, so a hall back from an outage is found quickly. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 60_000;
/** A terminal the hall no longer knows (revoked, enrolled elsewhere) asks again only this often. */
const RETRY_UNKNOWN_MS = 5 * 60_000;
/** A page's repeated asks for a session within this time are answered by the renewal already made. */
const RENEW_AGAIN_AFTER_MS = 10_000;

type HallAnswer = { ok: true; status: number; body: Record<string, unknown> } | { ok: false; status: number | null; body: Record<string, unknown> | null };

export class DeviceIdentity {
  private readonly log: (line: string) => void;
  private readonly fetch: typeof fetch;
  /** Hall time minus local time, from the hall's last answer. */
  private offsetMs = 0;
  private session: Session | null = null;
  private noSessionReason = 'not-enrolled';
  private timer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private stopped = true;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private presentCard: { card: IdCard; readAt: number } | null = null;
  /** The enrolled key and the terminal it was enrolled as; null before the first enrollment. */
  private enrolled: { key: DeviceKeyPair; terminal: BridgeTerminal; keyId: Promise<string> } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private lastRenewalAt = -Infinity;

  constructor(private readonly options: DeviceIdentityOptions) {
    this.log = options.log ?? (() => {});
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    const key = options.store.key();
    const enrollment = options.store.enrollment();
    if (key && enrollment) this.enrolled = { key, terminal: { id: enrollment.terminalId, name: enrollment.name }, keyId: calculateJwkThumbprint(key.publicJwk) };
  }

  /** The terminal this shell is enrolled as, with its key; null before enrollment. */
  get terminal(): BridgeTerminal | null {
    return this.enrolled?.terminal ?? null;
  }

  get currentSession(): SessionEvent {
    return this.session ? { kind: 'session', session: this.session } : { kind: 'none', reason: this.noSessionReason };
  }

  onSession(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts keeping a session (at once when enrolled). */
  start(): void {
    this.stopped = false;
    if (this.terminal) this.schedule(this.session ? this.halfLife(this.session) : 0);
  }

  /** A session is renewed half-way through its life, so the page always holds one that lasts. */
  private halfLife(session: Session): number {
    return Math.max(RETRY_FIRST_MS, (Date.parse(session.expiresAt) - this.hallNowMs()) / 2);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private hallNowMs(): number {
    return this.options.clock.now() + this.offsetMs;
  }

  private async call(path: string, body: unknown): Promise<HallAnswer> {
    const sentAt = this.options.clock.now();
    let response: Response;
    try {
      response = await this.fetch(new URL(`/api/v1${path}`, this.options.server), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      return { ok: false, status: null, body: null };
    }
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    // The hall's time, from an answer or a refusal for time that carries it.
    const told = json?.serverTime ?? (json?.error as { details?: { serverTime?: unknown } } | undefined)?.details?.serverTime;
    const serverTime = typeof told === 'string' ? Date.parse(told) : NaN;
    if (Number.isFinite(serverTime)) this.offsetMs = serverTime - (sentAt + this.options.clock.now()) / 2;
    return response.ok && json ? { ok: true, status: response.status, body: json } : { ok: false, status: response.status, body: json };
  }

  private async sign(type: AssertionType, payload: Record<string, unknown>): Promise<string> {
    const { key, keyId } = this.enrolled!;
    return signAssertion({ privateKey: key.privateKey, keyId: await keyId }, type, payload);
  }

  private nextCounter(): number {
    return this.options.store.nextCounter(this.options.clock.now());
  }

  /**
   * Enrollment and renewal one at a time: a renewal signed with the old key must not answer after
   * a new enrollment, nor two enrollments race for the key file.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Enrolls a new device key with a one-time code; the old key and session stay until the hall accepts. */
  enroll(code: string): Promise<{ ok: true; terminal: BridgeTerminal } | { ok: false; reason: EnrollFailure }> {
    return this.exclusive(() => this.enrollNow(code));
  }

  private async enrollNow(code: string): Promise<{ ok: true; terminal: BridgeTerminal } | { ok: false; reason: EnrollFailure }> {
    const pending = this.options.store.newPendingKey();
    const answer = await this.call('/terminals/enroll', { code, deviceKey: pending.publicJwk });
    const { token, terminalId, name, expiresAt, keyBound } = answer.body ?? {};
    if (!answer.ok || typeof token !== 'string' || typeof terminalId !== 'string' || typeof name !== 'string' || typeof expiresAt !== 'string' || keyBound !== true) {
      this.options.store.discardPendingKey(pending);
      const reason: EnrollFailure = answer.ok ? 'error' : answer.status === null || answer.status >= 500 ? 'unreachable' : answer.status === 401 ? 'code-invalid' : 'refused';
      this.log(`device: enrollment failed (${reason})`);
      return { ok: false, reason };
    }
    const keyId = await calculateJwkThumbprint(pending.publicJwk);
    this.options.store.commitEnrollment(pending, { server: new URL(this.options.server).origin, terminalId, name, keyId, enrolledAt: new Date(this.hallNowMs()).toISOString() });
    const terminal = { id: terminalId, name };
    this.enrolled = { key: pending, terminal, keyId: Promise.resolve(keyId) };
    this.log('device: enrolled with a new device key');
    this.adopt({ token, expiresAt, terminal });
    return { ok: true, terminal };
  }

  private adopt(session: Session): void {
    this.session = session;
    this.retryMs = RETRY_FIRST_MS;
    this.emit({ kind: 'session', session });
    this.schedule(this.halfLife(session));
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(), delayMs);
    // Never what keeps the shell alive.
    this.timer.unref();
  }

  private async askForSession(terminal: BridgeTerminal): Promise<HallAnswer> {
    const assertion = await this.sign(SESSION_ASSERTION_TYPE, sessionAssertionPayload({ terminalId: terminal.id, issuedAt: Math.floor(this.hallNowMs() / 1000), counter: this.nextCounter() }));
    return this.call('/terminals/session', { assertion });
  }

  /** Signs a session assertion and exchanges it for a new session token. */
  renew(): Promise<void> {
    return this.exclusive(() => this.renewNow());
  }

  private async renewNow(): Promise<void> {
    const terminal = this.terminal;
    if (!terminal) return;
    this.lastRenewalAt = this.options.clock.now();
    let answer = await this.askForSession(terminal);
    const reason = (answer.body?.error as { details?: { reason?: unknown } } | undefined)?.details?.reason;
    // Dated by a clock the hall disagrees with: the refusal told the hall's time, so once more by it.
    if (!answer.ok && answer.status === 401 && (reason === 'stale' || reason === 'not-yet-valid')) answer = await this.askForSession(terminal);
    if (answer.ok && typeof answer.body.token === 'string' && typeof answer.body.expiresAt === 'string') {
      this.adopt({ token: answer.body.token, expiresAt: answer.body.expiresAt, terminal });
      return;
    }
    const refused = answer.status === 401;
    const why = refused ? 'refused' : 'unreachable';
    this.log(`device: session not renewed (${why})`);
    // An unexpired token still serves the page while the hall is away; a refused key serves nothing.
    if (refused || (this.session && Date.parse(this.session.expiresAt) <= this.hallNowMs())) {
      this.session = null;
      this.noSessionReason = why;
      this.emit({ kind: 'none', reason: why });
    }
    this.schedule(refused ? RETRY_UNKNOWN_MS : this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /**
   * The page asks again (after a 401, say): renew now, unless a renewal ran moments ago (a page
   * asking in a loop would otherwise make the hall a session a request).
   */
  requestSession(): void {
    if (!this.terminal || this.options.clock.now() - this.lastRenewalAt < RENEW_AGAIN_AFTER_MS) return;
    this.schedule(0);
  }

  private async signCard(card: IdCard, readAt: number): Promise<string> {
    const { terminal } = this.enrolled!;
    return this.sign(
      CARD_ASSERTION_TYPE,
      cardAssertionPayload({
        terminalId: terminal.id,
        idNumber: card.idNumber.toUpperCase(),
        nameHash: await nameHash(card.name),
        cardType: card.cardType,
        readAt,
        issuedAt: Math.floor(this.hallNowMs() / 1000),
        counter: this.nextCounter(),
      }),
    );
  }

  /** The reader read a card: it is the one card this shell will assert until it is removed. Returns its first assertion, or null when not enrolled. */
  async cardRead(card: IdCard): Promise<string | null> {
    const readAt = Math.floor(this.hallNowMs());
    this.presentCard = { card, readAt };
    if (!this.terminal) return null;
    try {
      return await this.signCard(card, readAt);
    } catch (error) {
      this.log(`device: card assertion failed (${error instanceof Error ? error.name : 'unknown'})`);
      return null;
    }
  }

  cardRemoved(): void {
    this.presentCard = null;
  }

  /** A fresh assertion for the card on the reader, for one request of the page. */
  async assertPresentCard(): Promise<{ ok: true; assertion: string } | { ok: false; reason: AssertionFailure }> {
    const present = this.presentCard;
    if (!present) return { ok: false, reason: 'no-card' };
    if (!this.terminal) return { ok: false, reason: 'not-enrolled' };
    try {
      return { ok: true, assertion: await this.signCard(present.card, present.readAt) };
    } catch {
      return { ok: false, reason: 'error' };
    }
  }
}
