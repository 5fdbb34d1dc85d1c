/** The command line of kiosk-shell (DESIGN.md, "Fixed interfaces"), parsed into typed options or a clear error. */
import { parseArgs } from 'node:util';
import type { DocTarget } from './drivers/doc-printer/doc-printer.ts';
import type { PrinterTarget } from './drivers/escpos/open-printer.ts';
import { parseWallTime, type WallTime } from './launcher/nightly.ts';

export type ReaderOption = { kind: 'sim' } | { kind: 'serial'; path: string } | { kind: 'none' };
export type PrinterOption = PrinterTarget | { kind: 'none' };
export type ScannerOption = { kind: 'serial'; path: string } | { kind: 'none' };
export type DocPrinterOption = DocTarget | { kind: 'none' };

export interface ShellOptions {
  server: string | null;
  bridgePort: number;
  /** An origin (scheme://host[:port]), without a trailing slash: what browsers send as `Origin`. */
  origin: string;
  reader: ReaderOption;
  printer: PrinterOption;
  scanner: ScannerOption;
  docPrinter: DocPrinterOption;
  noBrowser: boolean;
  /** The Chromium executable the launcher starts. */
  chromium: string;
  /** Appended to Chromium's command line (a display scale, touch settings; --headless=new in tests). */
  chromiumArgs: string[];
  /** The kiosk's own Chromium profile: cookies, IndexedDB outbox, service worker cache. */
  profileDir: string;
  /** The OS user Chromium runs as (launcher/browser-user.ts); null: the shell's own. */
  browserUser: string | null;
  /** The device key and enrollment (kiosk-shell/device/device-store.ts): readable by the shell's user only. */
  stateDir: string;
  /** A one-time enrollment code to enroll the device key with at start (else from the page's #enroll=). */
  enroll: string | null;
  logDir: string;
  /** Restart Chromium daily at this China wall time, once no citizen session is active; null: never. */
  nightlyRestart: WallTime | null;
  /** How long a (re)started Chromium may take to show the home screen before it counts as a white screen. */
  readyTimeoutMs: number;
  help: boolean;
}

export const DEFAULT_BRIDGE_PORT = 7801;
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const DEFAULT_PROFILE_DIR = 'data/kiosk-profile';
export const DEFAULT_STATE_DIR = 'data/kiosk-shell';
export const DEFAULT_LOG_DIR = 'data/logs';
export const DEFAULT_READY_TIMEOUT_S = 60;
const MAX_READY_TIMEOUT_S = 3600;

export const USAGE = `Usage: npm run shell -- [options]
  --server URL           the hall server (default: none)
  --bridge-port N        device bridge port on 127.0.0.1 (default ${DEFAULT_BRIDGE_PORT}; 0 = any free port)
  --origin URL           the kiosk origin allowed on the bridge (default: the --server origin)
  --reader serial:PATH|sim|none
  --printer tcp:HOST:PORT|serial:PATH|file:PATH|virtual:DIR
  --scanner serial:PATH|none
  --doc-printer cups:QUEUE|pdf:DIR
  --no-browser           run the bridge and devices only (prints the kiosk URL to open by hand)
  --chromium PATH        the Chromium to start in kiosk mode (default ${DEFAULT_CHROMIUM})
  --chromium-arg=ARG     one more Chromium switch, e.g. --chromium-arg=--force-device-scale-factor=1.5 (repeatable)
  --profile-dir DIR      Chromium's profile for the kiosk (default ${DEFAULT_PROFILE_DIR})
  --browser-user USER    run Chromium as this OS user, never the shell's, so it cannot read the device key
  --state-dir DIR        the device key and enrollment, readable by this user only (default ${DEFAULT_STATE_DIR})
  --enroll CODE          enroll this terminal's device key with a one-time code from the hall's fleet page
  --ready-timeout S      seconds a (re)started Chromium may take to show the home screen (default ${DEFAULT_READY_TIMEOUT_S})
  --nightly-restart HH:MM  restart Chromium daily at this China time, once no citizen session is active
  --log-dir DIR          rotating log files, without personal data (default ${DEFAULT_LOG_DIR})
  --help`;

export type ParsedOptions = { ok: true; options: ShellOptions } | { ok: false; error: string };

class OptionError extends Error {}

export function parseShellOptions(argv: readonly string[]): ParsedOptions {
  try {
    return { ok: true, options: parse(argv) };
  } catch (error) {
    if (error instanceof OptionError) return { ok: false, error: error.message };
    // parseArgs' own errors (unknown option, missing value) are clear enough as they are.
    if (error instanceof TypeError && 'code' in error) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(argv: readonly string[]): ShellOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      server: { type: 'string' },
      'bridge-port': { type: 'string' },
      origin: { type: 'string' },
      reader: { type: 'string' },
      printer: { type: 'string' },
      scanner: { type: 'string' },
      'doc-printer': { type: 'string' },
      'no-browser': { type: 'boolean' },
      chromium: { type: 'string' },
      'chromium-arg': { type: 'string', multiple: true },
      'profile-dir': { type: 'string' },
      'browser-user': { type: 'string' },
      'state-dir': { type: 'string' },
      enroll: { type: 'string' },
      'log-dir': { type: 'string' },
      'nightly-restart': { type: 'string' },
      'ready-timeout': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const server = values.server === undefined ? null : httpUrl('--server', values.server).href;
  const originText = values.origin ?? server;
  if (!values.help && originText === null) throw new OptionError('--origin URL is required (or --server URL, whose origin is then used)');
  return {
    server,
    bridgePort: values['bridge-port'] === undefined ? DEFAULT_BRIDGE_PORT : port('--bridge-port', values['bridge-port'], true),
    origin: originText === null ? '' : origin(originText),
    reader: parseReader(values.reader),
    printer: parsePrinter(values.printer),
    scanner: parseScanner(values.scanner),
    docPrinter: parseDocPrinter(values['doc-printer']),
    noBrowser: values['no-browser'] ?? false,
    chromium: nonEmpty('--chromium', values.chromium) ?? DEFAULT_CHROMIUM,
    chromiumArgs: (values['chromium-arg'] ?? []).map(chromiumArg),
    profileDir: nonEmpty('--profile-dir', values['profile-dir']) ?? DEFAULT_PROFILE_DIR,
    browserUser: nonEmpty('--browser-user', values['browser-user']) ?? null,
    stateDir: nonEmpty('--state-dir', values['state-dir']) ?? DEFAULT_STATE_DIR,
    enroll: values.enroll === undefined ? null : enrollmentCode(values.enroll),
    logDir: nonEmpty('--log-dir', values['log-dir']) ?? DEFAULT_LOG_DIR,
    nightlyRestart: values['nightly-restart'] === undefined ? null : nightlyRestart(values['nightly-restart']),
    readyTimeoutMs: 1000 * (values['ready-timeout'] === undefined ? DEFAULT_READY_TIMEOUT_S : readyTimeout(values['ready-timeout'])),
    help: values.help ?? false,
  };
}

function nonEmpty(option: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new OptionError(`${option} needs a value, not an empty string`);
  return text;
}

function chromiumArg(text: string): string {
  if (!/^--[a-z0-9]/i.test(text)) throw new OptionError(`--chromium-arg must be a Chromium switch starting with --, e.g. --chromium-arg=--force-device-scale-factor=1.5, not "${text}"`);
  // The launcher owns these: the DevTools channel is its watchdog, the profile is --profile-dir.
  if (/^--(remote-debugging-(pipe|port|address)|user-data-dir)(=|$)/.test(text)) {
    throw new OptionError(`--chromium-arg cannot set ${text.split('=')[0]}: the launcher sets it (use --profile-dir for the profile)`);
  }
  return text;
}

function enrollmentCode(text: string): string {
  if (!/^[A-Za-z0-9-]{4,32}$/.test(text)) throw new OptionError(`--enroll must be the one-time code the fleet page shows, e.g. K7Q2-M9XP, not "${text}"`);
  return text;
}

function nightlyRestart(text: string): WallTime {
  const time = parseWallTime(text);
  if (!time) throw new OptionError(`--nightly-restart must be a 24-hour China time HH:MM such as 03:30, not "${text}"`);
  return time;
}

function readyTimeout(text: string): number {
  const value = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= MAX_READY_TIMEOUT_S)) throw new OptionError(`--ready-timeout must be whole seconds 1–${MAX_READY_TIMEOUT_S}, not "${text}"`);
  return value;
}

function httpUrl(option: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OptionError(`${option} must be a URL such as http://127.0.0.1:8080, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OptionError(`${option} must be an http:// or https:// URL, not "${text}"`);
  return url;
}

function origin(text: string): string {
  const url = httpUrl('--origin', text);
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new OptionError(`--origin must be an origin (scheme://host[:port]) with no path, not "${text}"`);
  }
  return url.origin;
}

function port(option: string, text: string, allowZero = false): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(value >= (allowZero ? 0 : 1) && value <= 65535)) throw new OptionError(`${option} must be a port number ${allowZero ? '0' : '1'}–65535, not "${text}"`);
  return value;
}

/** Splits `kind:rest`; the rest keeps any further colons (a Windows-free path may hold them). */
function split(option: string, text: string, forms: string): [string, string] {
  const at = text.indexOf(':');
  const kind = at < 0 ? text : text.slice(0, at);
  const rest = at < 0 ? '' : text.slice(at + 1);
  if (at >= 0 && rest === '') throw new OptionError(`${option} ${kind}: needs a value after the colon (${forms})`);
  return [kind, rest];
}

function unknown(option: string, text: string, forms: string): never {
  throw new OptionError(`${option} must be one of ${forms}, not "${text}"`);
}

function parseReader(text: string | undefined): ReaderOption {
  const forms = 'serial:PATH, sim, none';
  if (text === undefined || text === 'none') return { kind: 'none' };
  if (text === 'sim') return { kind: 'sim' };
  const [kind, rest] = split('--reader', text, forms);
  if (kind === 'serial' && rest) return { kind: 'serial', path: rest };
  return unknown('--reader', text, forms);
}

function parsePrinter(text: string | undefined): PrinterOption {
  const forms = 'tcp:HOST:PORT, serial:PATH, file:PATH, virtual:DIR';
  if (text === undefined) return { kind: 'none' };
  const [kind, rest] = split('--printer', text, forms);
  if (kind === 'tcp' && rest) {
    // The last colon splits host and port, so an IPv6 host in brackets keeps its own colons.
    const colon = rest.lastIndexOf(':');
    const host = rest.slice(0, Math.max(0, colon)).replace(/^\[(.*)\]$/, '$1');
    if (colon <= 0 || !host) throw new OptionError(`--printer tcp: needs HOST:PORT, e.g. tcp:192.168.1.50:9100, not "${text}"`);
    return { kind: 'tcp', host, port: port('--printer tcp port', rest.slice(colon + 1)) };
  }
  if (kind === 'serial' && rest) return { kind: 'serial', path: rest };
  if (kind === 'file' && rest) return { kind: 'file', path: rest };
  if (kind === 'virtual' && rest) return { kind: 'virtual', dir: rest };
  return unknown('--printer', text, forms);
}

function parseScanner(text: string | undefined): ScannerOption {
  const forms = 'serial:PATH, none';
  if (text === undefined || text === 'none') return { kind: 'none' };
  const [kind, rest] = split('--scanner', text, forms);
  if (kind === 'serial' && rest) return { kind: 'serial', path: rest };
  return unknown('--scanner', text, forms);
}

function parseDocPrinter(text: string | undefined): DocPrinterOption {
  const forms = 'cups:QUEUE, pdf:DIR';
  if (text === undefined) return { kind: 'none' };
  const [kind, rest] = split('--doc-printer', text, forms);
  if (kind === 'cups' && rest) return { kind: 'cups', queue: rest };
  if (kind === 'pdf' && rest) return { kind: 'pdf', dir: rest };
  return unknown('--doc-printer', text, forms);
}

/** The address the shell opens: the bridge and token travel in the fragment, which never reaches a server. */
export function kioskUrl(origin: string, bridgeUrl: string, token: string): string {
  return `${origin}/#bridge=${encodeURIComponent(bridgeUrl)}&token=${encodeURIComponent(token)}`;
}
