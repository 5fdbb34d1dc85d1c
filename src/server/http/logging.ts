import type { FastifyError, FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { maskIdNumber } from '../../core/id-number.ts';
import type { LogLevel } from '../config.ts';

/**
 * The hall server's log: Fastify's own pino logger, JSON lines on stderr (stdout carries the one
 * machine-readable start line that scripts and the fleet test read). What it says: logins,
 * lockouts, revocations and other admin writes, every refused request with its code and reason,
 * and every 5xx. What it never says: a citizen's name, ID number or phone, a token, a password, a
 * cookie, or a raw URL (which may hold a token): requests are named by their route pattern.
 */

/** Where log lines go; anything with `write(line)`, e.g. a test's collector. */
export interface LogDestination {
  write(line: string): unknown;
}

/** Keys whose values are personal data or secrets, wherever they appear in a logged object. */
const SENSITIVE_KEYS = [
  'password', 'token', 'trackToken', 'evaluationToken', 'deviceToken', 'sessionToken', 'assertion', 'identityCode', 'secret', 'pepper', 'pin',
  'idNumber', 'id_number', 'applicantId', 'holderId', 'sub', 'name', 'nameEn', 'displayName', 'holderName', 'applicantName',
  'phone', 'mobile', 'address', 'birthDate', 'photo', 'authorization', 'cookie', '["set-cookie"]',
];

const path = (prefix: string, key: string): string => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}${prefix === '' ? '' : '.'}${key}`);

/** pino's redact paths name exact depths: the key itself, one and two objects down (req.headers.cookie). */
export const REDACTED_PATHS = SENSITIVE_KEYS.flatMap((key) => ['', '*', '*.*'].map((prefix) => path(prefix, key))).filter((p) => !p.startsWith('['));

const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const MOBILE_NUMBER = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/**
 * Random tokens (device, session, track, evaluation, JWS segments): 32+ URL-safe characters with
 * a digit and a letter. UUIDs (record ids, which the log needs) and error codes are not that shape.
 */
const TOKEN = /(?<![\w-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-]))(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}(?![\w-])/g;

/** The last guard on a finished line: whatever shape of ID number, phone or token slipped into a message is masked. */
export function scrubLogLine(line: string): string {
  return line
    .replace(TOKEN, '[token]')
    .replace(ID_NUMBER, (id) => maskIdNumber(id))
    .replace(MOBILE_NUMBER, (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`);
}

/** The route pattern (`/api/v1/tracks/:token`), never the URL that filled it in. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)';
}

/** Only what names the fault: drivers attach the offending values (PostgreSQL's `detail`, `parameters`) to errors. */
function serializeError(error: { name?: unknown; message?: unknown; code?: unknown; stack?: unknown }): Record<string, unknown> {
  return {
    ...(typeof error.name === 'string' ? { type: error.name } : {}),
    message: String(error.message),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
  };
}

/** Fastify's logger options for the hall: level, redaction, serializers and the scrubbing destination. */
export function hallLoggerOptions(level: LogLevel, destination: LogDestination = process.stderr): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, route: routeOf(request), remoteAddress: request.ip }),
      // Fastify's type insists on a stack, which the plain `{ message, code }` the error handler logs has not.
      err: serializeError as (error: FastifyError) => { type: string; message: string; stack: string },
    },
    stream: { write: (line: string) => void destination.write(scrubLogLine(line)) },
  };
}

interface Refusal {
  code: string;
  reason?: string;
}

const refusals = new WeakMap<FastifyRequest, Refusal>();
const STABLE_CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** The `{error: {code, details: {reason}}}` of a refusal: stable codes only, never the message or other details. */
function refusalOf(payload: unknown): Refusal | null {
  if (typeof payload !== 'string' || !payload.startsWith('{"error"')) return null;
  try {
    const { error } = JSON.parse(payload) as { error?: { code?: unknown; details?: { reason?: unknown } } };
    if (typeof error?.code !== 'string' || !STABLE_CODE.test(error.code)) return null;
    const reason = error.details?.reason;
    return { code: error.code, ...(typeof reason === 'string' && STABLE_CODE.test(reason) ? { reason } : {}) };
  } catch {
    return null;
  }
}

/**
 * One line per refused or failed request: 4xx at info (a refused identity claim shows its code
 * and reason, never the identity), 5xx at error; at debug, every request. Callback hooks: they
 * run for every response, the ticket hot path included.
 */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400) {
      const refusal = refusalOf(payload);
      if (refusal) refusals.set(request, refusal);
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    if (status < 400 && request.log.level !== 'debug' && request.log.level !== 'trace') return done();
    const line = {
      event: status >= 500 ? 'request.failed' : status >= 400 ? 'request.refused' : 'request.done',
      method: request.method,
      route: routeOf(request),
      status,
      ms: Math.round(reply.elapsedTime),
      ...refusals.get(request),
      ...(request.terminal ? { terminalId: request.terminal.id } : {}),
      ...(request.staff ? { staffId: request.staff.id } : {}),
    };
    if (status >= 500) request.log.error(line, 'request failed');
    else if (status >= 400) request.log.info(line, 'request refused');
    else request.log.debug(line, 'request done');
    done();
  });
}
