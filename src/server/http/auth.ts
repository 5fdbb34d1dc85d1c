import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { staffBySession, type StaffMember } from '../services/staff.ts';
import { terminalByToken } from '../services/terminals.ts';

export const STAFF_COOKIE = 'kiosk24_staff';

declare module 'fastify' {
  interface FastifyRequest {
    terminal: TerminalRow | null;
    staff: StaffMember | null;
  }
}

const unauthorized = (reply: FastifyReply, message: string) =>
  reply.code(401).send({ error: { code: 'unauthorized', message } });

/** Terminal calls carry `Authorization: Bearer <device token>`; unknown or revoked tokens get 401. */
export function requireTerminal(ctx: HallContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(request.headers.authorization ?? '');
    const terminal = match ? await terminalByToken(ctx, match[1]!) : null;
    if (!terminal) return unauthorized(reply, 'A valid device token is required');
    request.terminal = terminal;
  };
}

export function requireStaff(ctx: HallContext, role?: 'admin') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[STAFF_COOKIE];
    const staff = token ? await staffBySession(ctx, token) : null;
    if (!staff) return unauthorized(reply, 'Please log in');
    if (role === 'admin' && staff.role !== 'admin') {
      return reply.code(403).send({ error: { code: 'forbidden', message: 'Administrators only' } });
    }
    request.staff = staff;
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Check the Origin of this write even without the staff cookie (the login: login CSRF). */
    checkOrigin?: boolean;
  }
}

/** The session cookie: no script reads it, no other site sends it, and it travels only over TLS when the page came over TLS. */
export function staffCookieOptions(request: FastifyRequest): { httpOnly: true; sameSite: 'strict'; secure: boolean; path: string } {
  return { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STAFF_COOKIE_SENT = new RegExp(`(?:^|;\\s*)${STAFF_COOKIE}=`);

/** This server's origin as the browser sees it: Host and protocol, or X-Forwarded-Host/-Proto from a trusted proxy. */
export function ownOrigin(request: FastifyRequest): string | null {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return null;
  }
}

/** The origin the browser says the request comes from: `Origin`, else the `Referer`'s; undefined when it says neither. */
function claimedOrigin(request: FastifyRequest): string | null | undefined {
  const said = request.headers.origin ?? request.headers.referer;
  if (said === undefined) return undefined;
  try {
    // "null" (an opaque origin: a sandboxed frame, a data: page) parses to the origin "null".
    const origin = new URL(said).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * CSRF: SameSite=Strict keeps other sites' pages from sending the staff cookie, but not other
 * origins of the same site (another port or subdomain of the hall's host). So a write that the
 * staff cookie authenticates must come from this very origin, by the browser's own word; a write
 * that says nothing of its origin is refused too. Terminal calls (Bearer token) pass.
 * A callback hook: it runs for every request, the ticket hot path included.
 */
export function refuseCrossOriginWrites(onRefused: (request: FastifyRequest, claimed: string | null) => Promise<void>) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    // A page of another origin cannot set Authorization without a CORS preflight, which this server never grants:
    // a request that carries one (a terminal's Bearer token) is no forgery, whatever cookies ride along.
    if (!STATE_CHANGING.has(request.method) || request.headers.authorization !== undefined) return done();
    const withCookie = STAFF_COOKIE_SENT.test(request.headers.cookie ?? '');
    if (!withCookie && request.routeOptions.config.checkOrigin !== true) return done();
    const claimed = claimedOrigin(request);
    // A login from a script or the CLI says no origin and carries no session to abuse.
    if (claimed === undefined && !withCookie) return done();
    if (claimed !== undefined && claimed !== null && claimed === ownOrigin(request)) return done();
    // Answered once the refusal is on record; done() is never called, so the route never runs.
    void onRefused(request, claimed ?? null).finally(() => reply.code(403).send({ error: { code: 'cross-origin-refused', message: 'Staff requests must come from the hall’s own pages' } }));
  };
}
