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

export async function deviceToken(): Promise<string | null> {
  if (!tokenLoaded) {
    const stored = await readSetting('deviceToken');
    token = typeof stored === 'string' ? stored : null;
    tokenLoaded = true;
  }
  return token;
}

export function rememberDeviceToken(value: string | null): void {
  token = value;
  tokenLoaded = true;
}

export async function callHall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  const bearer = await deviceToken();
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
