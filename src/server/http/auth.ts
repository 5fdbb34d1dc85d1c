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
