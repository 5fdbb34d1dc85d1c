/**
 * The PWA's end of the device bridge (DESIGN.md, "Device bridge"): connects to the kiosk-shell
 * named in the launch fragment, authenticates first, keeps reconnecting while the shell restarts,
 * and turns its messages into signals. Without a shell every device is absent and print() fails
 * at once with 'absent', so the app shows the ticket on screen instead.
 */
import { signal } from '@preact/signals';
import {
  MAX_DOCUMENT_MESSAGE_BYTES,
  MAX_MESSAGE_BYTES,
  parseJson,
  parseShellMessage,
  type BridgeTerminal,
  type EnrollFailure,
  type PdfDocument,
  type PrintDevice,
  type ShellMessage,
} from '../core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT } from '../core/devices.ts';
import type { IdCard, IdCardRefusal } from '../core/id-card.ts';
import type { ReceiptDocument } from '../core/receipt.ts';
import { bridgeLaunch, deviceDetails, deviceStates, type BridgeLaunch } from './bridge-launch.ts';
import { adoptShellSession, setSessionRequester } from './hall-api.ts';
import { reportScan } from './scans.ts';

/** First retry soon (a shell restart takes about a second), then back off to spare a dead loopback. */
const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 15_000;
/** A receipt prints in 2–3 s; status checks before and after add a little. */
const PRINT_TIMEOUT_MS = 20_000;
/** WebSocket.OPEN, spelled out so that a socket class passed in by a test works too. */
const OPEN = 1;
/**
 * A job goes out once, and once more after a reconnect (the shell prints each jobId at most once).
 * A job whose connection dropped under it twice is failed rather than sent again: it may be what
 * breaks the connection, and every drop ends the citizen's card session.
 */
const MAX_SENDS = 2;
/** The shell closed the socket for a message too large to read (a shell with a lower limit than ours). */
const CLOSE_MESSAGE_TOO_BIG = 1009;

export const bridgeConnected = signal(false);
/** The card on the reader, while it is there and the citizen session lasts. */
export const lastCard = signal<IdCard | null>(null);
/** Why the card on the reader identifies nobody (expired, check digit, …); null otherwise. */
export const cardRefusal = signal<IdCardRefusal | null>(null);
/** The connected shell's version, from its `hello`; null without a shell. */
export const shellVersion = signal<string | null>(null);
/** Present when the shell runs simulated devices (`npm start`): what the admin screen may drive. */
export const demoDevices = signal<{ cards: string[]; virtualPrinter: boolean } | null>(null);
/** The terminal the connected shell is enrolled as (its device key); null without a shell or before enrollment. */
export const shellTerminal = signal<BridgeTerminal | null>(null);
/**
 * The assertion the shell signed when the card was read. Each assertion serves one request; a
 * fresh one is asked for each (requestCardAssertion), and this one is the spare for when the card
 * has left the reader by then (a case queued at the end of a visit).
 */
let spareCardAssertion: string | null = null;
/** How long the app waits for the shell to sign or enroll; signing takes milliseconds, enrolling a round trip to the hall. */
const ASSERT_TIMEOUT_MS = 3000;
const ENROLL_TIMEOUT_MS = 15_000;

/**
 * What happened on the reader, for the app to act on: a card arrived (identified or refused), or
 * the card of this session left the reader. A card left over from an ended session (its data
 * already forgotten) is not this session's: its removal is not reported.
 */
export type CardEvent = 'inserted' | 'refused' | 'removed';
const cardListeners = new Set<(event: CardEvent) => void>();

export function onCardEvent(listener: (event: CardEvent) => void): () => void {
  cardListeners.add(listener);
  return () => cardListeners.delete(listener);
}

function notifyCard(event: CardEvent): void {
  for (const listener of cardListeners) listener(event);
}

export type PrintOutcome = { ok: true } | { ok: false; reason: string };

/** Ends what the kiosk knows of the card: on card removal, and whenever the citizen session ends. */
export function forgetCard(): void {
  lastCard.value = null;
  cardRefusal.value = null;
  spareCardAssertion = null;
}

interface PendingJob {
  message: string;
  bytes: number;
  resolve: (outcome: PrintOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
  /** The socket it last went out on, and how often it went out. */
  socket: WebSocket;
  sends: number;
}

type SocketConstructor = new (url: string) => WebSocket;

export interface BridgeClientOptions {
  launch?: BridgeLaunch | null;
  /** The browser's WebSocket; tests under Node pass another. */
  WebSocketImpl?: SocketConstructor;
  random?: () => number;
}

let socket: WebSocket | null = null;
let authenticated = false;
let stopped = true;
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let lastReceiptWaiters: Array<(png: string | null) => void> = [];
const pending = new Map<string, PendingJob>();
/** Answers awaited from the shell's device identity, by requestId. */
const identityWaiters = new Map<string, (message: ShellMessage | null) => void>();

/** Starts the client; returns a stop function. Does nothing (devices stay absent) without a launch. */
export function startBridgeClient(options: BridgeClientOptions = {}): () => void {
  const launch = options.launch === undefined ? bridgeLaunch() : options.launch;
  if (!launch || !stopped) return stopBridgeClient;
  const Socket = options.WebSocketImpl ?? WebSocket;
  const random = options.random ?? Math.random;
  stopped = false;
  attempt = 0;
  setSessionRequester(() => sendNow({ type: 'session.request' }));

  const connect = () => {
    retryTimer = null;
    if (stopped) return;
    const ws = new Socket(launch.url);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: launch.token }));
    ws.onmessage = (event: MessageEvent) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      const message = parseShellMessage(parseJson(event.data));
      if (message) receive(ws, message);
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      failDroppedJobs(ws, event.code);
      lostShell();
      if (stopped) return;
      // Full jitter: kiosks restarted together by a power cut do not all knock at once.
      const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** attempt);
      attempt = Math.min(attempt + 1, 16);
      retryTimer = setTimeout(connect, RECONNECT_BASE_MS / 2 + random() * ceiling);
    };
  };
  connect();
  return stopBridgeClient;
}

export function stopBridgeClient(): void {
  stopped = true;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  const ws = socket;
  socket = null;
  ws?.close();
  lostShell();
}

function receive(ws: WebSocket, message: ShellMessage): void {
  switch (message.type) {
    case 'hello':
      authenticated = true;
      attempt = 0;
      bridgeConnected.value = true;
      shellVersion.value = message.versions.shell;
      deviceStates.value = message.devices;
      deviceDetails.value = message.details ?? {};
      shellTerminal.value = message.terminal ?? null;
      // A session follows the hello; until it does, a token of the same terminal still serves.
      adoptShellSession({ terminal: message.terminal != null, token: message.terminal ? currentShellToken : null });
      // Jobs sent before a reconnect went unanswered; the shell prints each jobId at most once.
      for (const job of pending.values()) sendJob(ws, job);
      break;
    case 'device.status': {
      const { device, state, reason, lineErrors } = message;
      deviceStates.value = { ...deviceStates.value, [device]: state };
      const { [device]: _previous, ...others } = deviceDetails.value;
      deviceDetails.value = reason || lineErrors ? { ...others, [device]: { ...(reason ? { reason } : {}), ...(lineErrors ? { lineErrors } : {}) } } : others;
      break;
    }
    case 'card':
      cardRefusal.value = null;
      spareCardAssertion = message.assertion ?? null;
      lastCard.value = message.card;
      notifyCard('inserted');
      break;
    case 'session':
      currentShellToken = message.token;
      shellTerminal.value = message.terminal;
      adoptShellSession({ terminal: true, token: message.token });
      break;
    case 'session.none':
      currentShellToken = null;
      adoptShellSession({ terminal: shellTerminal.value !== null, token: null });
      break;
    case 'card.assertion':
    case 'card.assertion.failed':
    case 'enroll.failed':
      identityWaiters.get(message.requestId)?.(message);
      break;
    case 'enroll.done':
      shellTerminal.value = message.terminal;
      identityWaiters.get(message.requestId)?.(message);
      break;
    case 'card.refused':
      lastCard.value = null;
      cardRefusal.value = message.reason;
      notifyCard('refused');
      break;
    case 'card.removed': {
      const ofThisSession = lastCard.value !== null || cardRefusal.value !== null;
      forgetCard();
      if (ofThisSession) notifyCard('removed');
      break;
    }
    case 'scan':
      reportScan(message.text, 'serial');
      break;
    case 'demo':
      demoDevices.value = { cards: message.cards, virtualPrinter: message.virtualPrinter };
      break;
    case 'demo.lastReceipt':
      for (const resolve of lastReceiptWaiters.splice(0)) resolve(message.png);
      break;
    case 'print.done':
      settle(message.jobId, { ok: true });
      break;
    case 'print.failed':
      settle(message.jobId, { ok: false, reason: message.reason });
      break;
    case 'error':
      break;
  }
}

/** Without the shell nobody can tell whether the card is still on the reader: the card is forgotten. */
function lostShell(): void {
  authenticated = false;
  bridgeConnected.value = false;
  deviceStates.value = ALL_DEVICES_ABSENT;
  deviceDetails.value = {};
  demoDevices.value = null;
  shellVersion.value = null;
  for (const resolve of lastReceiptWaiters.splice(0)) resolve(null);
  for (const answer of [...identityWaiters.values()]) answer(null);
  forgetCard();
}

/** The shell's last session token: kept across a reconnect of the same shell, in memory only. */
let currentShellToken: string | null = null;

/** Sends a request of the device identity and waits for its answer; null when no shell answers in time. */
function askIdentity(message: { type: 'card.assert' } | { type: 'enroll'; code: string }, timeoutMs: number): Promise<ShellMessage | null> {
  const requestId = newJobId();
  if (!sendNow({ ...message, requestId })) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => answer(null), timeoutMs);
    function answer(reply: ShellMessage | null) {
      clearTimeout(timer);
      identityWaiters.delete(requestId);
      resolve(reply);
    }
    identityWaiters.set(requestId, answer);
  });
}

/**
 * An assertion of the card on the reader for one request to the hall: a fresh one from the shell,
 * or, once the card has left the reader, the one signed when it was read (once). Null when there
 * is neither: the hall would take the card holder's number as typed.
 */
export async function requestCardAssertion(): Promise<string | null> {
  const reply = await askIdentity({ type: 'card.assert' }, ASSERT_TIMEOUT_MS);
  if (reply?.type === 'card.assertion') return reply.assertion;
  const spare = spareCardAssertion;
  spareCardAssertion = null;
  return spare;
}

/** Enrolls the shell's device key with a one-time code (the page was opened with `#enroll=`). */
export async function enrollThroughShell(code: string): Promise<{ ok: true; terminal: BridgeTerminal } | { ok: false; reason: EnrollFailure | 'no-shell' }> {
  const reply = await askIdentity({ type: 'enroll', code }, ENROLL_TIMEOUT_MS);
  if (reply?.type === 'enroll.done') return { ok: true, terminal: reply.terminal };
  return { ok: false, reason: reply?.type === 'enroll.failed' ? reply.reason : 'no-shell' };
}

function sendJob(ws: WebSocket, job: PendingJob): void {
  job.socket = ws;
  job.sends++;
  ws.send(job.message);
}

/**
 * The jobs that were out on a connection that closed. A shell that closed it for size refused the
 * largest of them: it fails with `too-large` rather than go again. A job that has had its sends
 * fails with `connection-lost`. The others go again once the shell is back.
 */
function failDroppedJobs(ws: WebSocket, closeCode: number): void {
  const dropped = [...pending.entries()].filter(([, job]) => job.socket === ws);
  if (closeCode === CLOSE_MESSAGE_TOO_BIG && dropped.length > 0) {
    const [jobId] = dropped.reduce((largest, entry) => (entry[1].bytes > largest[1].bytes ? entry : largest));
    settle(jobId, { ok: false, reason: 'too-large' });
  }
  for (const [jobId, job] of dropped) if (job.sends >= MAX_SENDS) settle(jobId, { ok: false, reason: 'connection-lost' });
}

function sendNow(message: object): boolean {
  const ws = socket;
  if (!ws || !authenticated || ws.readyState !== OPEN) return false;
  ws.send(JSON.stringify(message));
  return true;
}

/** Puts a fictional card on the shell's simulated reader (admin screen, demo shells only). */
export function insertDemoCard(card: string): boolean {
  return sendNow({ type: 'demo.insert', card });
}

export function removeDemoCard(): boolean {
  return sendNow({ type: 'demo.remove' });
}

/** The virtual printer's last page as a base64 PNG; null when there is none or no answer in time. */
export function lastReceiptImage(timeoutMs = 5000): Promise<string | null> {
  if (!sendNow({ type: 'demo.lastReceipt' })) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      lastReceiptWaiters = lastReceiptWaiters.filter((waiter) => waiter !== settle);
      resolve(null);
    }, timeoutMs);
    const settle = (png: string | null) => {
      clearTimeout(timer);
      resolve(png);
    };
    lastReceiptWaiters.push(settle);
  });
}

function settle(jobId: string, outcome: PrintOutcome): void {
  const job = pending.get(jobId);
  if (!job) return;
  pending.delete(jobId);
  clearTimeout(job.timer);
  job.resolve(outcome);
}

function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Prints on the shell's receipt or document printer. Never rejects: 'absent' at once when no
 * shell is connected (show the ticket on screen), 'too-large' at once for a print over the
 * bridge's limit (never sent), 'timeout' when no answer comes in time, 'connection-lost' when the
 * connection dropped under the job twice.
 */
export function print(device: 'receipt', document: ReceiptDocument, options?: { timeoutMs?: number }): Promise<PrintOutcome>;
export function print(device: 'document', document: PdfDocument, options?: { timeoutMs?: number }): Promise<PrintOutcome>;
export function print(device: PrintDevice, document: ReceiptDocument | PdfDocument, options: { timeoutMs?: number } = {}): Promise<PrintOutcome> {
  const ws = socket;
  if (!ws || !authenticated || ws.readyState !== OPEN) return Promise.resolve({ ok: false, reason: 'absent' });
  const jobId = newJobId();
  const message = JSON.stringify({ type: 'print', jobId, device, document });
  // The shell would answer too-large; checked here, a document of 40 MB never crosses the loopback.
  const bytes = utf8Bytes(message);
  if (bytes > (device === 'document' ? MAX_DOCUMENT_MESSAGE_BYTES : MAX_MESSAGE_BYTES)) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise<PrintOutcome>((resolve) => {
    const timer = setTimeout(() => settle(jobId, { ok: false, reason: 'timeout' }), options.timeoutMs ?? PRINT_TIMEOUT_MS);
    const job: PendingJob = { message, bytes, resolve, timer, socket: ws, sends: 0 };
    pending.set(jobId, job);
    sendJob(ws, job);
  });
}
