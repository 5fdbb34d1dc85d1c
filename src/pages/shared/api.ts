import { ParseError, type Parser } from './parse.ts';

/** An API refusal or a failure to reach the API, as a value the page can show. */
export interface ApiError {
  /** The API's stable code (`login-failed`, `no-window` …), or `network` / `bad-response` for the page's own. */
  code: string;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  /** The API's `error.details`, e.g. `{ until }` of a locked account; read with care, it is unparsed. */
  details?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Longer than any healthy answer of the hall server; a hung request must not freeze a window agent. */
const REQUEST_TIMEOUT_MS = 10_000;

export const API_BASE = '/api/v1';

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
}

const failure = (code: string, status: number): { ok: false; error: ApiError } => ({ ok: false, error: { code, status } });

function errorCodeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body as { error: unknown };
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

function errorDetailsOf(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const details = (body as { error?: { details?: unknown } }).error?.details;
  return typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : undefined;
}

/**
 * Calls the hall API on this page's own origin (the staff session travels as an httpOnly
 * cookie) and turns every outcome into a value: the parsed answer, the API's `{error:{code}}`,
 * or `network` when the server could not be reached.
 */
export async function requestJson<T>(path: string, parse: Parser<T>, options: RequestOptions = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      // Fastify refuses an empty body declared as JSON, so the header goes only with a body.
      headers: options.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return failure('network', 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page, or a connection cut mid-answer.
    return failure(response.ok ? 'bad-response' : `http-${response.status}`, response.status);
  }
  if (!response.ok) {
    const refused = failure(errorCodeOf(body) ?? `http-${response.status}`, response.status);
    const details = errorDetailsOf(body);
    return details ? { ok: false, error: { ...refused.error, details } } : refused;
  }
  try {
    return { ok: true, value: parse(body) };
  } catch (error) {
    if (error instanceof ParseError) return failure('bad-response', response.status);
    throw error;
  }
}
