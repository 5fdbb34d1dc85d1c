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
 */
import { DEVICE_KINDS, DEVICE_STATES, type DeviceKind, type DeviceState, type DeviceStates } from './devices.ts';
import { ID_CARD_REFUSALS, parseIdCard, type IdCard, type IdCardRefusal } from './id-card.ts';
import { parseReceiptDocument, type ReceiptDocument } from './receipt.ts';

export const BRIDGE_PROTOCOL_VERSION = 1;

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

export type AppMessage = { type: 'auth'; token: string } | PrintRequest | DemoRequest;

export type BridgeErrorCode = 'malformed' | 'unknown-type' | 'invalid' | 'already-authenticated';

export type ShellMessage =
  | { type: 'hello'; versions: { shell: string; protocol: number }; devices: DeviceStates }
  | { type: 'device.status'; device: DeviceKind; state: DeviceState; reason?: string }
  | { type: 'card'; card: IdCard }
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

export function parsePdfDocument(value: unknown): PdfDocument | null {
  if (!isRecord(value) || typeof value.pdf !== 'string' || value.pdf.length === 0 || !BASE64.test(value.pdf)) return null;
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

/** A message from the app, as the shell receives it. A bad print with a usable jobId keeps it, so it can be answered. */
export function parseAppMessage(value: unknown): Parsed<AppMessage> {
  if (!isRecord(value) || typeof value.type !== 'string') return { ok: false, code: 'malformed' };
  const of = value.type.slice(0, 40);
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

/** A message from the shell, as the PWA receives it; null for anything it does not know. */
export function parseShellMessage(value: unknown): ShellMessage | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'hello': {
      const devices = parseDeviceStates(value.devices);
      const versions = value.versions;
      if (!devices || !isRecord(versions) || typeof versions.shell !== 'string' || !Number.isInteger(versions.protocol)) return null;
      return { type: 'hello', versions: { shell: versions.shell, protocol: versions.protocol as number }, devices };
    }
    case 'device.status': {
      const { device, state, reason } = value;
      if (!DEVICE_KINDS.includes(device as DeviceKind) || !DEVICE_STATES.includes(state as DeviceState)) return null;
      if (reason !== undefined && !isReason(reason)) return null;
      return { type: 'device.status', device: device as DeviceKind, state: state as DeviceState, ...(reason ? { reason } : {}) };
    }
    case 'card': {
      const card = parseIdCard(value.card);
      return card ? { type: 'card', card } : null;
    }
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
