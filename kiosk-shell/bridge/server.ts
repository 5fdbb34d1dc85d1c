/**
 * The device bridge: a WebSocket server on the loopback interface through which the PWA reaches
 * the kiosk's devices (DESIGN.md, "Device bridge"). Two locks keep other software out: the
 * `Origin` must be the kiosk's own (a web page elsewhere cannot connect), and the first message
 * must carry the launch token (a local process that forges the Origin still cannot).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  BRIDGE_PROTOCOL_VERSION,
  type AssertionFailure,
  type BridgeTerminal,
  type EnrollFailure,
  type IdentityRequest,
  MAX_DOCUMENT_MESSAGE_BYTES,
  MAX_MESSAGE_BYTES,
  parseAppMessage,
  parseJson,
  type DemoRequest,
  type DeviceDetail,
  type DeviceDetails,
  type LineErrors,
  type PdfDocument,
  type PrintRequest,
  type ShellMessage,
} from '../../src/core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT, type DeviceKind, type DeviceState, type DeviceStates } from '../../src/core/devices.ts';
import type { IdCard, IdCardRefusal } from '../../src/core/id-card.ts';
import type { ReceiptDocument } from '../../src/core/receipt.ts';
import { absentPrinter, type PrinterPort, type PrinterStatus, type PrintResult } from './printer-port.ts';

export const BRIDGE_HOST = '127.0.0.1';
/** DESIGN.md: the app authenticates within 2 s of connecting. */
export const AUTH_TIMEOUT_MS = 2000;
/**
 * The frame size past which ws closes the socket (1009) instead of reading on, once the client
 * has shown the token. Size limits by message type (src/core: 256 KB, or an 8 MB PDF for the
 * document printer) are checked after reading and answered with `too-large`; this ceiling sits
 * above them so that a client that misjudges a document still gets an answer. The PWA checks the
 * same limits before sending.
 */
export const MAX_FRAME_BYTES = MAX_DOCUMENT_MESSAGE_BYTES + 64 * 1024;
/**
 * Before the token, only the auth message may come: a few hundred bytes. ws reads a whole frame
 * into memory before it can be judged, so a stranger is cut off at this size (1009), not at the
 * document ceiling: 60 unauthenticated sockets sending 32 MB each once took 1.5 GB.
 */
export const MAX_PRE_AUTH_FRAME_BYTES = 4096;
/** Connections that have not shown the token yet; more are refused until some authenticate or time out. */
export const MAX_PENDING_CONNECTIONS = 8;

/** Close codes in the application range (4000–4999), named after the HTTP statuses they echo. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_AUTH_TIMEOUT = 4408;

export interface BridgeOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** The kiosk origin, e.g. `http://127.0.0.1:8080`; compared exactly with the `Origin` header. */
  origin: string;
  token: string;
  authTimeoutMs?: number;
  /** ws's hard ceiling (MAX_FRAME_BYTES); tests lower it. */
  maxFrameBytes?: number;
  shellVersion?: string;
  receiptPrinter?: PrinterPort<ReceiptDocument>;
  documentPrinter?: PrinterPort<PdfDocument>;
  /** Present when the shell runs simulated devices: the admin screen may drive them. */
  demo?: DemoPort;
  /** The device key: session tokens and card assertions for the app. Absent: none are offered. */
  identity?: IdentityPort;
  /** Message types and connection events only: never card contents or documents. */
  log?: (line: string) => void;
}

/** The simulated devices as the admin screen may drive them (`npm start`, demos, tests). */
export interface DemoPort {
  /** Names of the fictional cards the simulated reader can hold; empty without a simulated reader. */
  readonly cards: readonly string[];
  /** False when the name is not a demo card or there is no simulated reader. */
  insertCard(name: string): boolean;
  removeCard(): void;
  /** The virtual printer's last page as a PNG, or null (no virtual printer, nothing printed yet). */
  lastReceiptPng(): Promise<Uint8Array | null>;
  readonly virtualPrinter: boolean;
}

/** The shell's device identity as the bridge offers it to the app (kiosk-shell/device/device-identity.ts). */
export interface IdentityPort {
  readonly terminal: BridgeTerminal | null;
  readonly currentSession: { kind: 'session'; session: { token: string; expiresAt: string; terminal: BridgeTerminal } } | { kind: 'none'; reason: string };
  onSession(listener: (event: IdentityPort['currentSession']) => void): () => void;
  enroll(code: string): Promise<{ ok: true; terminal: BridgeTerminal } | { ok: false; reason: EnrollFailure }>;
  assertPresentCard(): Promise<{ ok: true; assertion: string } | { ok: false; reason: AssertionFailure }>;
  requestSession(): void;
}

/** A fresh token per launch, or the one fixed by KIOSK_BRIDGE_TOKEN. */
export function bridgeToken(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.KIOSK_BRIDGE_TOKEN;
  return fixed && fixed.length > 0 ? fixed : randomBytes(32).toString('base64url');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

const REASON = /^[a-z][a-z0-9-]{0,39}$/;

export class BridgeServer {
  private readonly http: Server;
  private readonly sockets: WebSocketServer;
  private readonly clients = new Set<WebSocket>();
  /** Connections that have not shown the token yet, oldest first. */
  private readonly pending = new Set<Duplex>();
  private readonly tokenDigest: Buffer;
  private readonly authTimeoutMs: number;
  private readonly receiptPrinter: PrinterPort<ReceiptDocument>;
  private readonly documentPrinter: PrinterPort<PdfDocument>;
  private readonly log: (line: string) => void;
  private readonly devices: DeviceStates = { ...ALL_DEVICES_ABSENT };
  private readonly details: DeviceDetails = {};
  private readonly unsubscribe: Array<() => void> = [];
  private address: string | null = null;

  constructor(private readonly options: BridgeOptions) {
    this.tokenDigest = digest(options.token);
    this.authTimeoutMs = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
    this.receiptPrinter = options.receiptPrinter ?? absentPrinter();
    this.documentPrinter = options.documentPrinter ?? absentPrinter();
    this.log = options.log ?? (() => {});
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PRE_AUTH_FRAME_BYTES });
    this.http = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
    });
    this.http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
    this.followPrinter('printer', this.receiptPrinter);
    this.followPrinter('docPrinter', this.documentPrinter);
    const identity = options.identity;
    if (identity) this.unsubscribe.push(identity.onSession((event) => this.broadcast(sessionMessage(event))));
  }

  /** Listens on 127.0.0.1 and resolves with the bridge's ws:// URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, BRIDGE_HOST, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const { port } = this.http.address() as AddressInfo;
    this.address = `ws://${BRIDGE_HOST}:${port}`;
    return this.address;
  }

  get url(): string | null {
    return this.address;
  }

  get connectedClients(): number {
    return this.clients.size;
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    for (const socket of this.sockets.clients) socket.close(1001, 'shell stopping');
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  get deviceStates(): DeviceStates {
    return { ...this.devices };
  }

  get deviceDetails(): DeviceDetails {
    return structuredClone(this.details);
  }

  setDeviceStatus(device: DeviceKind, state: DeviceState, reason?: string): void {
    this.devices[device] = state;
    const safeReason = reason && REASON.test(reason) ? reason : undefined;
    const { lineErrors } = this.details[device] ?? {};
    this.updateDetail(device, { ...(safeReason ? { reason: safeReason } : {}), ...(lineErrors ? { lineErrors } : {}) });
  }

  /** The error counts of a device's serial line, for the admin screen; sent with the device's status. */
  setLineErrors(device: DeviceKind, lineErrors: LineErrors): void {
    const { reason } = this.details[device] ?? {};
    this.updateDetail(device, { ...(reason ? { reason } : {}), lineErrors: { ...lineErrors } });
  }

  private updateDetail(device: DeviceKind, detail: DeviceDetail): void {
    if (detail.reason || detail.lineErrors) this.details[device] = detail;
    else delete this.details[device];
    this.broadcast({ type: 'device.status', device, state: this.devices[device], ...detail });
  }

  /** A card the reader read, with the device key's assertion for it when the shell is enrolled. */
  sendCard(card: IdCard, assertion?: string | null): void {
    this.broadcast({ type: 'card', card, ...(assertion ? { assertion } : {}) });
  }

  refuseCard(reason: IdCardRefusal): void {
    this.broadcast({ type: 'card.refused', reason });
  }

  cardRemoved(): void {
    this.broadcast({ type: 'card.removed' });
  }

  sendScan(text: string): void {
    this.broadcast({ type: 'scan', text });
  }

  private followPrinter(device: DeviceKind, port: PrinterPort<never>): void {
    this.devices[device] = port.status.state;
    this.unsubscribe.push(port.onStatus((status: PrinterStatus) => this.setDeviceStatus(device, status.state, status.reason)));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (request.headers.origin !== this.options.origin) {
      this.log('bridge: connection refused (wrong origin)');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The oldest stranger makes room: the kiosk's own page authenticates within milliseconds of
    // connecting, so a flood of silent connections pushes out its own, never the page.
    if (this.pending.size >= MAX_PENDING_CONNECTIONS) {
      const oldest = this.pending.values().next().value!;
      this.pending.delete(oldest);
      oldest.destroy();
      this.log('bridge: closed the oldest connection still waiting to authenticate (too many waiting)');
    }
    // Counted on the raw socket: ws drops a failed handshake without calling back, and its slot must come free all the same.
    this.pending.add(socket);
    socket.once('close', () => this.pending.delete(socket));
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws, () => this.pending.delete(socket)));
  }

  /** `authenticated()` frees the connection's place among those waiting to show the token. */
  private accept(ws: WebSocket, authenticatedNow: () => void): void {
    let authenticated = false;
    const timer = setTimeout(() => {
      this.log('bridge: closed (no auth in time)');
      ws.close(CLOSE_AUTH_TIMEOUT, 'auth timeout');
    }, this.authTimeoutMs);
    ws.on('error', (error) => this.log(`bridge: socket error (${error.name})`));
    ws.on('close', () => {
      clearTimeout(timer);
      if (this.clients.delete(ws)) this.log(`bridge: client left (${this.clients.size} connected)`);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = rawBytes(data);
      // Before the token, nothing large is read as JSON: only a short auth message may come.
      const message = isBinary || (!authenticated && bytes.length > MAX_MESSAGE_BYTES) ? undefined : parseJson(bytes.toString('utf8'));
      const parsed = parseAppMessage(message, bytes.length);
      if (!authenticated) {
        if (!parsed.ok || parsed.message.type !== 'auth' || !this.tokenMatches(parsed.message.token)) {
          this.log('bridge: closed (missing or wrong token)');
          clearTimeout(timer);
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        authenticated = true;
        clearTimeout(timer);
        authenticatedNow();
        if (!allowLargeFrames(ws, this.options.maxFrameBytes ?? MAX_FRAME_BYTES)) this.log('bridge: cannot lift the frame limit for this client (ws changed); document prints will fail');
        this.clients.add(ws);
        this.log(`bridge: client authenticated (${this.clients.size} connected)`);
        const details = this.deviceDetails;
        this.send(ws, {
          type: 'hello',
          versions: { shell: this.options.shellVersion ?? '0.0.0', protocol: BRIDGE_PROTOCOL_VERSION },
          devices: this.deviceStates,
          ...(Object.keys(details).length > 0 ? { details } : {}),
          ...(this.options.identity ? { terminal: this.options.identity.terminal } : {}),
        });
        const demo = this.options.demo;
        if (demo) this.send(ws, { type: 'demo', cards: [...demo.cards], virtualPrinter: demo.virtualPrinter });
        if (this.options.identity) this.send(ws, sessionMessage(this.options.identity.currentSession));
        return;
      }
      if (!parsed.ok) {
        this.log(`bridge: <- refused (${parsed.code}${parsed.of ? `, ${safeType(parsed.of)}` : ''}, ${bytes.length} bytes)`);
        const reason = parsed.code === 'too-large' ? 'too-large' : 'invalid-document';
        if (parsed.jobId) this.send(ws, { type: 'print.failed', jobId: parsed.jobId, reason });
        else this.send(ws, { type: 'error', code: parsed.code, ...(parsed.of ? { of: safeType(parsed.of) } : {}) });
        return;
      }
      const request = parsed.message;
      if (request.type === 'auth') this.send(ws, { type: 'error', code: 'already-authenticated', of: 'auth' });
      else if (request.type === 'print') void this.print(ws, request);
      else if (request.type === 'enroll' || request.type === 'card.assert' || request.type === 'session.request') {
        // A fault (a full disk under the key file) answers as a failure; it never takes the shell down.
        this.identityRequest(ws, request).catch((error: unknown) => {
          this.log(`bridge: ${request.type} failed (${error instanceof Error ? error.name : 'unknown'})`);
          if (request.type === 'enroll') this.send(ws, { type: 'enroll.failed', requestId: request.requestId, reason: 'error' });
          if (request.type === 'card.assert') this.send(ws, { type: 'card.assertion.failed', requestId: request.requestId, reason: 'error' });
        });
      }
      else void this.demo(ws, request);
    });
  }

  private tokenMatches(token: string): boolean {
    return timingSafeEqual(digest(token), this.tokenDigest);
  }

  private async print(ws: WebSocket, request: PrintRequest): Promise<void> {
    this.log(`bridge: <- print (${request.device})`);
    let result: PrintResult;
    try {
      result =
        request.device === 'receipt'
          ? await this.receiptPrinter.print(request.jobId, request.document)
          : await this.documentPrinter.print(request.jobId, request.document);
    } catch (error) {
      this.log(`bridge: printer driver threw (${error instanceof Error ? error.name : 'unknown'})`);
      result = { ok: false, reason: 'error' };
    }
    if (ws.readyState !== WebSocket.OPEN) {
      // The job ran to its end; the app that asked is gone and will retry the same jobId if it cares.
      this.log(`bridge: print answer dropped (app gone)`);
      return;
    }
    this.send(
      ws,
      result.ok
        ? { type: 'print.done', jobId: request.jobId }
        : { type: 'print.failed', jobId: request.jobId, reason: REASON.test(result.reason) ? result.reason : 'error' },
    );
  }

  private async identityRequest(ws: WebSocket, request: IdentityRequest): Promise<void> {
    const identity = this.options.identity;
    this.log(`bridge: <- ${request.type}`);
    if (request.type === 'session.request') {
      identity?.requestSession();
      return;
    }
    if (request.type === 'enroll') {
      const enrolled = identity ? await identity.enroll(request.code) : ({ ok: false, reason: 'error' } as const);
      this.send(ws, enrolled.ok ? { type: 'enroll.done', requestId: request.requestId, terminal: enrolled.terminal } : { type: 'enroll.failed', requestId: request.requestId, reason: enrolled.reason });
      return;
    }
    const asserted = identity ? await identity.assertPresentCard() : ({ ok: false, reason: 'not-enrolled' } as const);
    this.send(
      ws,
      asserted.ok ? { type: 'card.assertion', requestId: request.requestId, assertion: asserted.assertion } : { type: 'card.assertion.failed', requestId: request.requestId, reason: asserted.reason },
    );
  }

  private async demo(ws: WebSocket, request: DemoRequest): Promise<void> {
    const demo = this.options.demo;
    if (!demo) {
      this.send(ws, { type: 'error', code: 'unknown-type', of: request.type });
      return;
    }
    this.log(`bridge: <- ${request.type}`);
    if (request.type === 'demo.insert') {
      if (!demo.insertCard(request.card)) this.send(ws, { type: 'error', code: 'invalid', of: request.type });
    } else if (request.type === 'demo.remove') {
      demo.removeCard();
    } else {
      const png = await demo.lastReceiptPng().catch(() => null);
      this.send(ws, { type: 'demo.lastReceipt', png: png ? Buffer.from(png).toString('base64') : null });
    }
  }

  private broadcast(message: ShellMessage): void {
    for (const ws of this.clients) this.send(ws, message);
  }

  private send(ws: WebSocket, message: ShellMessage): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    this.log(`bridge: -> ${message.type}`);
    ws.send(JSON.stringify(message));
  }
}

function sessionMessage(event: IdentityPort['currentSession']): ShellMessage {
  return event.kind === 'session' ? { type: 'session', ...event.session } : { type: 'session.none', reason: event.reason };
}

/**
 * Lifts the pre-authentication frame limit for a client that showed the token. ws has no public
 * setter for it; its Receiver reads `_maxPayload` on every frame (ws 8.x, lib/receiver.js), which
 * bridge tests pin by sending a large print after auth and a large frame before it.
 */
function allowLargeFrames(ws: WebSocket, bytes: number): boolean {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') return false;
  receiver._maxPayload = bytes;
  return true;
}

function rawBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** An unknown type from the app is echoed and logged only as a short, plain word. */
function safeType(type: string): string {
  return /^[\w.-]{1,40}$/.test(type) ? type : 'unprintable';
}
