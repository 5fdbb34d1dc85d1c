/**
 * How long the hall server waits for a client. Without limits, a client that sends its headers
 * and then a byte of body now and then holds a connection and a request for ever, and a few
 * hundred such clients take the server from the terminals (slowloris).
 */
import type { ServerOptions } from 'node:http';

export interface HttpTimeouts {
  /** The whole request, headers and body. */
  requestMs: number;
  /** The request's headers. */
  headersMs: number;
  /** A connection on which nothing moves either way, e.g. a client that does not read its answer. */
  idleSocketMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  // The largest body is 64 KB (BODY_LIMIT_BYTES): seconds even from a phone on a weak mobile
  // link (the evaluation and case pages), milliseconds for a terminal on the hall network.
  requestMs: 30_000,
  // Headers are a few hundred bytes; Node's own default is 60 s.
  headersMs: 10_000,
  // Longer than any answer takes to compute, and than the hall display's 20 s SSE keepalive.
  idleSocketMs: 60_000,
  // Longer than the 60 s idle timeout of common load balancers, so that the balancer closes an
  // idle connection first and never sends a request on one the server is closing (Fastify's default).
  keepAliveMs: 72_000,
};

/**
 * Node checks the request and header deadlines on a timer (every 30 s by default), so a request
 * could outlive its deadline by that much; a fraction of the header deadline bounds the overrun.
 */
const CHECKS_PER_HEADERS_TIMEOUT = 4;

/** The Fastify options for `timeouts` (tests shorten them rather than wait 30 s). */
export function httpTimeoutOptions(overrides: Partial<HttpTimeouts> = {}): { requestTimeout: number; connectionTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  const timeouts = { ...HTTP_TIMEOUTS, ...overrides };
  // Node refuses a header deadline after the request's.
  const headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleSocketMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.max(1, Math.ceil(headersMs / CHECKS_PER_HEADERS_TIMEOUT)) },
  };
}
