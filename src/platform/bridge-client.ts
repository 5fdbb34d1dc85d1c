/**
 * The PWA's end of the device bridge (DESIGN.md, "Device bridge"): connects to the kiosk-shell
 * named in the launch fragment, authenticates first, keeps reconnecting while the shell restarts,
 * and turns its messages into signals. Without a shell every device is absent and print() fails
 * at once with 'absent', so the app shows the ticket on screen instead.
 */
import { signal } from '@preact/signals';
import { parseJson, parseShellMessage, type PdfDocument, type PrintDevice, type ShellMessage } from '../core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT } from '../core/devices.ts';
import type { IdCard, IdCardRefusal } from '../core/id-card.ts';
import type { ReceiptDocument } from '../core/receipt.ts';
import { bridgeLaunch, deviceStates, type BridgeLaunch } from './bridge-launch.ts';

/** First retry soon (a shell restart takes about a second), then back off to spare a dead loopback. */
const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 15_000;
/** A receipt prints in 2–3 s; status checks before and after add a little. */
const PRINT_TIMEOUT_MS = 20_000;
/** WebSocket.OPEN, spelled out so that a socket class passed in by a test works too. */
const OPEN = 1;

export const bridgeConnected = signal(false);
/** The card on the reader, while it is there and the citizen session lasts. */
export const lastCard = signal<IdCard | null>(null);
/** Why the card on the reader identifies nobody (expired, check digit, …); null otherwise. */
export const cardRefusal = signal<IdCardRefusal | null>(null);
/** The last serial-scanner read; `seq` tells two reads of the same code apart. */
export const lastScan = signal<{ text: string; seq: number } | null>(null);

export type PrintOutcome = { ok: true } | { ok: false; reason: string };

/** Ends what the kiosk knows of the card: on card removal, and whenever the citizen session ends. */
export function forgetCard(): void {
  lastCard.value = null;
  cardRefusal.value = null;
}

interface PendingJob {
  message: string;
  resolve: (outcome: PrintOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
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
let scanSeq = 0;
const pending = new Map<string, PendingJob>();

/** Starts the client; returns a stop function. Does nothing (devices stay absent) without a launch. */
export function startBridgeClient(options: BridgeClientOptions = {}): () => void {
  const launch = options.launch === undefined ? bridgeLaunch() : options.launch;
  if (!launch || !stopped) return stopBridgeClient;
  const Socket = options.WebSocketImpl ?? WebSocket;
  const random = options.random ?? Math.random;
  stopped = false;
  attempt = 0;

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
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
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
      deviceStates.value = message.devices;
      // Jobs sent before a reconnect went unanswered; the shell prints each jobId at most once.
      for (const job of pending.values()) ws.send(job.message);
      break;
    case 'device.status':
      deviceStates.value = { ...deviceStates.value, [message.device]: message.state };
      break;
    case 'card':
      cardRefusal.value = null;
      lastCard.value = message.card;
      break;
    case 'card.refused':
      lastCard.value = null;
      cardRefusal.value = message.reason;
      break;
    case 'card.removed':
      forgetCard();
      break;
    case 'scan':
      lastScan.value = { text: message.text, seq: ++scanSeq };
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
  forgetCard();
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

/**
 * Prints on the shell's receipt or document printer. Never rejects: 'absent' at once when no
 * shell is connected (show the ticket on screen), 'timeout' when no answer comes in time.
 */
export function print(device: 'receipt', document: ReceiptDocument, options?: { timeoutMs?: number }): Promise<PrintOutcome>;
export function print(device: 'document', document: PdfDocument, options?: { timeoutMs?: number }): Promise<PrintOutcome>;
export function print(device: PrintDevice, document: ReceiptDocument | PdfDocument, options: { timeoutMs?: number } = {}): Promise<PrintOutcome> {
  const ws = socket;
  if (!ws || !authenticated || ws.readyState !== OPEN) return Promise.resolve({ ok: false, reason: 'absent' });
  const jobId = newJobId();
  return new Promise<PrintOutcome>((resolve) => {
    const timer = setTimeout(() => settle(jobId, { ok: false, reason: 'timeout' }), options.timeoutMs ?? PRINT_TIMEOUT_MS);
    const message = JSON.stringify({ type: 'print', jobId, device, document });
    pending.set(jobId, { message, resolve, timer });
    ws.send(message);
  });
}
