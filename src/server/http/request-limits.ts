/**
 * Request rates per terminal and per client address, for routes whose answers can be guessed at
 * (progress and evaluation lookups, the public by-token pages, the admin PIN check). Counted by
 * @fastify/rate-limit in this process's memory: behind a load balancer each hall-server process
 * counts its own share, so a client gets at most that many times the rate; the per-case and
 * per-terminal miss counters that stop a guess for good are in the database (lookup-failures.ts).
 *
 * The address is Fastify's `request.ip`: a hall that puts a reverse proxy in front of the
 * server without trusting it sees one address for every terminal, hence the generous per-address
 * numbers beside the per-terminal ones.
 */
import '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tooMany } from '../services/lookup-failures.ts';
import type { ServiceError } from '../services/result.ts';
import { sendError } from './errors.ts';
import { errorResponses } from './schemas.ts';

export { tooMany };

/** The 429 of a limited route, for its OpenAPI responses; it comes with a Retry-After header. */
export const limitedResponses = { ...errorResponses, 429: errorResponses[400] };

export interface RateRule {
  max: number;
  windowMs: number;
}

export interface RequestLimits {
  /** The code of the 429 answer, e.g. `too-many-lookups`. */
  code: string;
  message: string;
  /** Keyed by the device token's terminal: the route must check the token first. */
  perTerminal?: RateRule;
  perAddress: RateRule;
}

const MINUTE = 60_000;

/** 办件查询 and 好差评 by case number: a citizen asks a few times; 282 guesses are an attack. */
export const LOOKUP_LIMITS: RequestLimits = {
  code: 'too-many-lookups',
  message: 'Too many lookups from this terminal; please wait a moment',
  perTerminal: { max: 30, windowMs: 10 * MINUTE },
  perAddress: { max: 300, windowMs: 10 * MINUTE },
};

/**
 * Pages a phone opens from a receipt's or ticket's QR code. Their tokens (and copy ids) are far
 * too long to guess, so this only keeps one address from flooding the hall; it is generous
 * because a track page asks every 5 s, and a hall's phones may all reach it through one NAT.
 */
export const PUBLIC_TOKEN_LIMITS: RequestLimits = {
  code: 'too-many-requests',
  message: 'Too many requests from this address; please wait a moment',
  perAddress: { max: 600, windowMs: MINUTE },
};

/** The admin PIN check: the per-terminal lockout (5 wrong in 5 minutes) is in the database. */
export const ADMIN_PIN_LIMITS: RequestLimits = {
  code: 'too-many-pin-attempts',
  message: 'Too many PIN attempts; please wait',
  perTerminal: { max: 10, windowMs: 5 * MINUTE },
  perAddress: { max: 30, windowMs: 5 * MINUTE },
};

/**
 * Enrollment codes (40 bits) and session renewals: a hall may set up a whole fleet from one
 * technician's address, and renewals come every half hour per terminal. 300 in 10 minutes leaves
 * a guesser odds of about one in 500,000 a day, with 50 codes outstanding (32^8 codes).
 */
export const ENROLLMENT_LIMITS: RequestLimits = {
  code: 'too-many-enrollments',
  message: 'Too many enrollment or session requests from this address; please wait',
  perAddress: { max: 300, windowMs: 10 * MINUTE },
};

/** sendError, with `Retry-After` for a refusal that says how long to wait. */
export function sendRefusal(reply: FastifyReply, error: ServiceError): FastifyReply {
  const seconds = error.details?.retryAfterSeconds;
  if (typeof seconds === 'number') reply.header('Retry-After', String(seconds));
  return sendError(reply, error);
}

/**
 * A preHandler that counts the request against each of `limits`' rules and answers 429 (JSON
 * error code, `Retry-After`) past any of them. `app` must have @fastify/rate-limit registered
 * (app.ts does, with global: false); each call makes counters of its own.
 */
export function requestLimiter(app: FastifyInstance, limits: RequestLimits) {
  const checks = [
    ...(limits.perTerminal
      ? [app.createRateLimit({ max: limits.perTerminal.max, timeWindow: limits.perTerminal.windowMs, keyGenerator: (request) => request.terminal?.id ?? 'no-terminal' })]
      : []),
    app.createRateLimit({ max: limits.perAddress.max, timeWindow: limits.perAddress.windowMs }),
  ];
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const check of checks) {
      const counted = await check(request);
      if (!counted.isAllowed && counted.isExceeded) return sendRefusal(reply, tooMany(limits.code, limits.message, counted.ttl).error);
    }
    return undefined;
  };
}
