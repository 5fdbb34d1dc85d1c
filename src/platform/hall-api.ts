import { bridgeLaunch } from './bridge-launch.ts';
import { readSetting } from './db.ts';

/**
 * The hall server's API as the terminal calls it: JSON in and out, the device token attached,
 * and every failure a value with a code — 'network' when the server could not be reached.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  code: string;
  status: number | null;
  details?: Record<string, unknown>;
}

/** A citizen waits at most this long before the terminal falls back to offline behaviour. */
const REQUEST_TIMEOUT_MS = 6000;

let token: string | null = null;
let tokenLoaded = false;

/**
 * A terminal with kiosk-shell gets its credential from the shell: a session token, renewed by the
 * shell's device key and held here in memory only, never in IndexedDB, so a copied browser
 * profile holds nothing that opens the hall. `terminal` is whether the shell is enrolled; null
 * until the shell's hello.
 */
let shell: { terminal: boolean; token: string | null } | null = null;
let shellWaiters: Array<() => void> = [];
let sessionRequester: (() => void) | null = null;
/** How long a call waits for the shell's hello at start-up (a shell answers within milliseconds). */
const SHELL_WAIT_MS = 3000;

/** Called by the bridge client: the shell's state and its latest session token. */
export function adoptShellSession(state: { terminal: boolean; token: string | null }): void {
  shell = state;
  for (const wake of shellWaiters.splice(0)) wake();
}

/** The bridge client's way to ask the shell for a new session (after a 401). */
export function setSessionRequester(request: (() => void) | null): void {
  sessionRequester = request;
}

function waitForShell(until: () => boolean, ms: number): Promise<void> {
  if (until()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      shellWaiters = shellWaiters.filter((waiter) => waiter !== check);
      resolve();
    }
    function check() {
      if (until()) done();
      else shellWaiters.push(check);
    }
    shellWaiters.push(check);
  });
}

/** The token this browser was enrolled with itself (a plain browser, or a terminal not yet re-enrolled through its shell). */
async function browserToken(): Promise<string | null> {
  if (!tokenLoaded) {
    const stored = await readSetting('deviceToken');
    token = typeof stored === 'string' ? stored : null;
    tokenLoaded = true;
  }
  return token;
}

export async function deviceToken(): Promise<string | null> {
  if (bridgeLaunch()) {
    await waitForShell(() => shell !== null, SHELL_WAIT_MS);
    // A shell that has not said hello by now is not there: no call waits for it again until it does.
    shell ??= { terminal: false, token: null };
    if (shell.terminal) return shell.token;
  }
  return browserToken();
}

/** Whether the hall knows this terminal by its shell's device key. */
export function shellEnrolled(): boolean {
  return shell?.terminal === true;
}

export function rememberDeviceToken(value: string | null): void {
  token = value;
  tokenLoaded = true;
}

/** After a 401 with the shell's session: ask the shell for a new one and wait a moment for it. */
async function renewedShellToken(rejected: string): Promise<string | null> {
  if (!shell?.terminal || !sessionRequester) return null;
  if (shell.token === rejected) {
    sessionRequester();
    await waitForShell(() => shell?.token !== rejected, SHELL_WAIT_MS);
  }
  return shell?.token && shell.token !== rejected ? shell.token : null;
}

export async function callHall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  const bearer = await deviceToken();
  const result = await send<T>(method, path, body, bearer);
  if (!result.ok && result.error.status === 401 && bearer) {
    // The shell's session ran out (or the hall restarted its sessions): once more with a new one.
    const renewed = await renewedShellToken(bearer);
    if (renewed) return send<T>(method, path, body, renewed);
  }
  return result;
}

async function send<T>(method: 'GET' | 'POST', path: string, body: unknown, bearer: string | null): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, error: { code: 'network', status: null } };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // A proxy's HTML error page, or an empty body: described by the status alone.
  }
  if (response.ok) return { ok: true, value: json as T };
  const error = (json as { error?: { code?: unknown; details?: Record<string, unknown> } } | null)?.error;
  return {
    ok: false,
    error: {
      code: typeof error?.code === 'string' ? error.code : `http-${response.status}`,
      status: response.status,
      ...(error?.details ? { details: error.details } : {}),
    },
  };
}

/** The server could not answer for now: not reached, overloaded, or a gateway in between. */
export function isUnreachable(error: ApiError): boolean {
  return error.code === 'network' || error.status === null || error.status >= 500 || error.status === 408 || error.status === 429;
}

/**
 * For a write waiting in the outbox: worth sending again later. A 401 is too — a terminal being
 * re-enrolled, or a hall database restored, must not lose what its citizens submitted.
 */
export function isWorthRetrying(error: ApiError): boolean {
  return isUnreachable(error) || error.status === 401;
}
