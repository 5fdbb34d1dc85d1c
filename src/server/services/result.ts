/** Errors are values: a service answers `ok: false` with an HTTP status, a stable code and a message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export interface ServiceError {
  code: string;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

export function fail(status: number, code: string, message: string, details?: Record<string, unknown>): { ok: false; error: ServiceError } {
  return { ok: false, error: { status, code, message, ...(details ? { details } : {}) } };
}
