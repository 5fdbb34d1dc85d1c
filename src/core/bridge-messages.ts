/**
 * The messages of the device bridge between kiosk-shell and the PWA (DESIGN.md, "Device bridge"
 * and "Bridge messages"). Both ends parse what they receive with the functions here, so a message
 * is checked once at each edge and typed everywhere after.
 *
 * Besides the messages DESIGN.md fixes, the shell sends `card.refused` (a card is on the reader but
 * identifies nobody: `reason` is an IdCardRefusal, the screen shows `card.<reason>`) and `error`
 * (the shell could not use a message from the app: `code` says why, `of` names its type if known).
 *
 * A shell started with simulated devices (`--reader sim`, `--printer virtual:DIR`, as `npm start`
 * runs) also announces `demo` after `hello`; the admin screen may then send `demo.insert` /
 * `demo.remove` (put a fictional card on the simulated reader or take it away) and
 * `demo.lastReceipt`, answered with the virtual printer's last page as a base64 PNG. A shell with
 * real devices answers these with `error: unknown-type`.
 *
 * Sizes: a `print` for the document printer may carry a PDF of up to MAX_PDF_BYTES, every other
 * message stays under MAX_MESSAGE_BYTES. A message over its limit is answered, not punished:
 * `print.failed` with reason `too-large` (or `error: too-large` without a jobId), and the socket
 * stays open, so the citizen's session (bound to the connection) goes on.
 *
 * `device.status` may say why (`reason`) and, for a device on a serial line, how the line is doing
 * (`lineErrors`); `hello` carries the same as `details` for a client that connects later.
 *
 * Identity (the device key, src/core/device-assertion.ts): a shell enrolled with its device key
 * names its terminal in `hello` and hands the app a short-lived `session` token for the hall's API
 * (kept in memory only, renewed before it ends; `session.none` says why there is none). Each `card`
 * carries a card `assertion` signed at the read; `card.assert` asks for a fresh one for the card
 * still on the reader (answered `card.assertion`, or `card.assertion.failed` when none is there).
 * `enroll` hands the shell a one-time enrollment code (a page opened with `#enroll=`): the shell
 * enrolls its key with the hall and answers `enroll.done` or `enroll.failed`.
 */
import { DEVICE_KINDS, DEVICE_STATES, type DeviceKind, type DeviceState, type DeviceStates } from './devices.ts';
import { ID_CARD_REFUSALS, parseIdCard, type IdCard, type IdCardRefusal } from './id-card.ts';
import { parseReceiptDocument, type ReceiptDocument } from './receipt.ts';

export const BRIDGE_PROTOCOL_VERSION = 1;

/** Every message but a document print: a receipt document is a few KB; this leaves room for a QR-heavy one. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** An A4 certificate copy is a few hundred KB of PDF; 8 MB leaves room for scanned pages and refuses the absurd. */
export const MAX_PDF_BYTES = 8 * 1024 * 1024;
/** A document print message: the PDF in base64 (4 characters for every 3 bytes) and its small envelope. */
export const MAX_DOCUMENT_MESSAGE_BYTES = Math.ceil(MAX_PDF_BYTES / 3) * 4 + 4096;

/** What the app asks to print on; `receipt` is the 80 mm ticket printer, `document` the A4 printer. */
export type PrintDevice = 'receipt' | 'document';

/** An A4 document for the document printer: a PDF, base64-encoded. */
export interface PdfDocument {
  pdf: string;
}

export type PrintRequest =
  | { type: 'print'; jobId: string; device: 'receipt'; document: ReceiptDocument }
  | { type: 'print'; jobId: string; device: 'document'; document: PdfDocument };

export type DemoRequest = { type: 'demo.insert'; card: string } | { type: 'demo.remove' } | { type: 'demo.lastReceipt' };

/** What the app asks of the shell's device identity. */
export type IdentityRequest = { type: 'enroll'; requestId: string; code: string } | { type: 'card.assert'; requestId: string } | { type: 'session.request' };

export type AppMessage = { type: 'auth'; token: string } | PrintRequest | DemoRequest | IdentityRequest;

/** The terminal a key-bound shell belongs to. */
export interface BridgeTerminal {
  id: string;
  name: string;
}

/** Why the shell has no assertion or session for the app: a short machine word. */
export type AssertionFailure = 'no-card' | 'not-enrolled' | 'error';
export type EnrollFailure = 'code-invalid' | 'unreachable' | 'refused' | 'error';

export type BridgeErrorCode = 'malformed' | 'unknown-type' | 'invalid' | 'already-authenticated' | 'too-large';

/**
 * Error counts of a device's serial line since the shell started (the ID card reader's frames):
 * a few now and then is a noisy cable, a steady climb is a failing adapter.
 */
export interface LineErrors {
  frames: number;
  badChecksums: number;
  badLengths: number;
  garbageBytes: number;
}

/** Why a device is in its state (`unplugged`, `no-reply`, `font-missing`…), and its line errors where it has a serial line. */
export interface DeviceDetail {
  reason?: string;
  lineErrors?: LineErrors;
}
export type DeviceDetails = Partial<Record<DeviceKind, DeviceDetail>>;

export type ShellMessage =
  | { type: 'hello'; versions: { shell: string; protocol: number }; devices: DeviceStates; details?: DeviceDetails; terminal?: BridgeTerminal | null }
  | { type: 'device.status'; device: DeviceKind; state: DeviceState; reason?: string; lineErrors?: LineErrors }
  | { type: 'card'; card: IdCard; assertion?: string }
  | { type: 'card.assertion'; requestId: string; assertion: string }
  | { type: 'card.assertion.failed'; requestId: string; reason: AssertionFailure }
  | { type: 'session'; token: string; expiresAt: string; terminal: BridgeTerminal }
  | { type: 'session.none'; reason: string }
  | { type: 'enroll.done'; requestId: string; terminal: BridgeTerminal }
  | { type: 'enroll.failed'; requestId: string; reason: EnrollFailure }
  | { type: 'card.refused'; reason: IdCardRefusal }
  | { type: 'card.removed' }
  | { type: 'scan'; text: string }
  | { type: 'print.done'; jobId: string }
  | { type: 'print.failed'; jobId: string; reason: string }
  | { type: 'demo'; cards: string[]; virtualPrinter: boolean }
  | { type: 'demo.lastReceipt'; png: string | null }
  | { type: 'error'; code: BridgeErrorCode; of?: string };

const MAX_JOB_ID = 128;
const MAX_TOKEN = 256;
const MAX_SCAN = 4096;
/** A card or session assertion is a few hundred bytes (MAX_ASSERTION_BYTES in device-assertion.ts). */
const MAX_ASSERTION = 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const SESSION_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;
const ENROLLMENT_CODE = /^[A-Za-z0-9-]{4,32}$/;
const TERMINAL_NAME_MAX = 128;
const ASSERTION_FAILURES: readonly AssertionFailure[] = ['no-card', 'not-enrolled', 'error'];
const ENROLL_FAILURES: readonly EnrollFailure[] = ['code-invalid', 'unreachable', 'refused', 'error'];
/** A reason is a short machine word (`paper-out`, `absent`, `timeout`), never free text. */
const REASON = /^[a-z][a-z0-9-]{0,39}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A demo card's name: a short plain word such as `elder`. */
const DEMO_CARD = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_DEMO_CARDS = 32;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isJobId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_JOB_ID && /^[\x21-\x7e]+$/.test(value);

const isReason = (value: unknown): value is string => typeof value === 'string' && REASON.test(value);

/** The size a message from the app may have, by what it is: only a document print may be large. */
export function messageSizeLimit(value: unknown): number {
  return isRecord(value) && value.type === 'print' && value.device === 'document' ? MAX_DOCUMENT_MESSAGE_BYTES : MAX_MESSAGE_BYTES;
}

const MAX_PDF_BASE64 = Math.ceil(MAX_PDF_BYTES / 3) * 4;

export function parsePdfDocument(value: unknown): PdfDocument | null {
  if (!isRecord(value) || typeof value.pdf !== 'string' || value.pdf.length === 0 || value.pdf.length > MAX_PDF_BASE64) return null;
  if (!BASE64.test(value.pdf)) return null;
  return { pdf: value.pdf };
}

/** Reads JSON text; undefined (not null, a valid JSON value) when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type Parsed<T> = { ok: true; message: T } | { ok: false; code: BridgeErrorCode; of?: string; jobId?: string };

/**
 * A message from the app, as the shell receives it. A bad print with a usable jobId keeps it, so it
 * can be answered. `byteLength`, the size of the message on the wire, is checked against the limit
 * of its type before anything else: a print too large is `too-large`, not an invalid document.
 */
export function parseAppMessage(value: unknown, byteLength = 0): Parsed<AppMessage> {
  if (!isRecord(value) || typeof value.type !== 'string') return { ok: false, code: 'malformed' };
  const of = value.type.slice(0, 40);
  if (byteLength > messageSizeLimit(value)) return { ok: false, code: 'too-large', of, ...(isJobId(value.jobId) ? { jobId: value.jobId } : {}) };
  if (value.type === 'auth') {
    return typeof value.token === 'string' && value.token.length <= MAX_TOKEN
      ? { ok: true, message: { type: 'auth', token: value.token } }
      : { ok: false, code: 'invalid', of };
  }
  if (value.type === 'demo.insert') {
    return typeof value.card === 'string' && DEMO_CARD.test(value.card)
      ? { ok: true, message: { type: 'demo.insert', card: value.card } }
      : { ok: false, code: 'invalid', of };
  }
  if (value.type === 'demo.remove' || value.type === 'demo.lastReceipt') return { ok: true, message: { type: value.type } };
  if (value.type === 'enroll') {
    return isJobId(value.requestId) && typeof value.code === 'string' && ENROLLMENT_CODE.test(value.code)
      ? { ok: true, message: { type: 'enroll', requestId: value.requestId, code: value.code } }
      : { ok: false, code: 'invalid', of };
  }
  if (value.type === 'card.assert') return isJobId(value.requestId) ? { ok: true, message: { type: 'card.assert', requestId: value.requestId } } : { ok: false, code: 'invalid', of };
  if (value.type === 'session.request') return { ok: true, message: { type: 'session.request' } };
  if (value.type !== 'print') return { ok: false, code: 'unknown-type', of };
  const { jobId, device } = value;
  if (!isJobId(jobId)) return { ok: false, code: 'invalid', of };
  if (device === 'receipt') {
    const document = parseReceiptDocument(value.document);
    if (document) return { ok: true, message: { type: 'print', jobId, device, document } };
  } else if (device === 'document') {
    const document = parsePdfDocument(value.document);
    if (document) return { ok: true, message: { type: 'print', jobId, device, document } };
  }
  return { ok: false, code: 'invalid', of, jobId };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function parseLineErrors(value: unknown): LineErrors | null {
  if (!isRecord(value)) return null;
  const { frames, badChecksums, badLengths, garbageBytes } = value;
  if (!isCount(frames) || !isCount(badChecksums) || !isCount(badLengths) || !isCount(garbageBytes)) return null;
  return { frames, badChecksums, badLengths, garbageBytes };
}

function parseDeviceDetail(value: unknown): DeviceDetail | null {
  if (!isRecord(value)) return null;
  const { reason, lineErrors } = value;
  if (reason !== undefined && !isReason(reason)) return null;
  const errors = lineErrors === undefined ? undefined : parseLineErrors(lineErrors);
  if (errors === null) return null;
  return { ...(reason ? { reason } : {}), ...(errors ? { lineErrors: errors } : {}) };
}

function parseDeviceDetails(value: unknown): DeviceDetails | null {
  if (!isRecord(value)) return null;
  const details: DeviceDetails = {};
  for (const [kind, detail] of Object.entries(value)) {
    const parsed = parseDeviceDetail(detail);
    if (!DEVICE_KINDS.includes(kind as DeviceKind) || !parsed) return null;
    details[kind as DeviceKind] = parsed;
  }
  return details;
}

function parseDeviceStates(value: unknown): DeviceStates | null {
  if (!isRecord(value)) return null;
  const states = {} as DeviceStates;
  for (const kind of DEVICE_KINDS) {
    const state = value[kind];
    if (!DEVICE_STATES.includes(state as DeviceState)) return null;
    states[kind] = state as DeviceState;
  }
  return states;
}

const isAssertion = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_ASSERTION && COMPACT_JWS.test(value);

function parseTerminal(value: unknown): BridgeTerminal | null {
  if (!isRecord(value) || typeof value.id !== 'string' || !/^[0-9a-f-]{36}$/.test(value.id)) return null;
  return typeof value.name === 'string' && value.name.length > 0 && value.name.length <= TERMINAL_NAME_MAX ? { id: value.id, name: value.name } : null;
}

/** A message from the shell, as the PWA receives it; null for anything it does not know. */
export function parseShellMessage(value: unknown): ShellMessage | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'hello': {
      const devices = parseDeviceStates(value.devices);
      const versions = value.versions;
      if (!devices || !isRecord(versions) || typeof versions.shell !== 'string' || !Number.isInteger(versions.protocol)) return null;
      const details = value.details === undefined ? undefined : parseDeviceDetails(value.details);
      if (details === null) return null;
      // A shell with a device identity names its terminal, or null before enrollment; an older one says nothing.
      const terminal = value.terminal === undefined || value.terminal === null ? value.terminal : parseTerminal(value.terminal);
      if (terminal === null && value.terminal !== null) return null;
      return { type: 'hello', versions: { shell: versions.shell, protocol: versions.protocol as number }, devices, ...(details ? { details } : {}), ...(terminal !== undefined ? { terminal } : {}) };
    }
    case 'device.status': {
      const { device, state } = value;
      if (!DEVICE_KINDS.includes(device as DeviceKind) || !DEVICE_STATES.includes(state as DeviceState)) return null;
      const detail = parseDeviceDetail(value);
      if (!detail) return null;
      return { type: 'device.status', device: device as DeviceKind, state: state as DeviceState, ...detail };
    }
    case 'card': {
      const card = parseIdCard(value.card);
      if (!card || (value.assertion !== undefined && !isAssertion(value.assertion))) return null;
      return { type: 'card', card, ...(value.assertion !== undefined ? { assertion: value.assertion } : {}) };
    }
    case 'card.assertion':
      return isJobId(value.requestId) && isAssertion(value.assertion) ? { type: 'card.assertion', requestId: value.requestId, assertion: value.assertion } : null;
    case 'card.assertion.failed':
      return isJobId(value.requestId) && ASSERTION_FAILURES.includes(value.reason as AssertionFailure)
        ? { type: 'card.assertion.failed', requestId: value.requestId, reason: value.reason as AssertionFailure }
        : null;
    case 'session': {
      const terminal = parseTerminal(value.terminal);
      const expiresAt = typeof value.expiresAt === 'string' ? Date.parse(value.expiresAt) : NaN;
      if (!terminal || typeof value.token !== 'string' || !SESSION_TOKEN.test(value.token) || !Number.isFinite(expiresAt)) return null;
      return { type: 'session', token: value.token, expiresAt: value.expiresAt as string, terminal };
    }
    case 'session.none':
      return isReason(value.reason) ? { type: 'session.none', reason: value.reason } : null;
    case 'enroll.done': {
      const terminal = parseTerminal(value.terminal);
      return isJobId(value.requestId) && terminal ? { type: 'enroll.done', requestId: value.requestId, terminal } : null;
    }
    case 'enroll.failed':
      return isJobId(value.requestId) && ENROLL_FAILURES.includes(value.reason as EnrollFailure)
        ? { type: 'enroll.failed', requestId: value.requestId, reason: value.reason as EnrollFailure }
        : null;
    case 'card.refused':
      return ID_CARD_REFUSALS.includes(value.reason as IdCardRefusal) ? { type: 'card.refused', reason: value.reason as IdCardRefusal } : null;
    case 'card.removed':
      return { type: 'card.removed' };
    case 'scan':
      return typeof value.text === 'string' && value.text.length <= MAX_SCAN ? { type: 'scan', text: value.text } : null;
    case 'print.done':
      return isJobId(value.jobId) ? { type: 'print.done', jobId: value.jobId } : null;
    case 'print.failed':
      return isJobId(value.jobId) && isReason(value.reason) ? { type: 'print.failed', jobId: value.jobId, reason: value.reason } : null;
    case 'demo': {
      const { cards, virtualPrinter } = value;
      if (!Array.isArray(cards) || cards.length > MAX_DEMO_CARDS || typeof virtualPrinter !== 'boolean') return null;
      if (!cards.every((card): card is string => typeof card === 'string' && DEMO_CARD.test(card))) return null;
      return { type: 'demo', cards, virtualPrinter };
    }
    case 'demo.lastReceipt':
      return value.png === null || (typeof value.png === 'string' && BASE64.test(value.png)) ? { type: 'demo.lastReceipt', png: value.png } : null;
    case 'error':
      return typeof value.code === 'string' ? { type: 'error', code: value.code as BridgeErrorCode } : null;
    default:
      return null;
  }
}
