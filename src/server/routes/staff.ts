import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { requireStaff, STAFF_COOKIE, staffCookieOptions } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { ErrorBody, errorResponses, QueuedTicketSchema, Strict } from '../http/schemas.ts';
import { callNext, updateCall, waitingFor } from '../services/calls.ts';
import { chooseWindow, logIn, logOut, STAFF_SESSION_MS, type StaffMember } from '../services/staff.ts';
import { ticketView } from '../services/tickets.ts';

const Member = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.Union([Type.Literal('staff'), Type.Literal('admin')]),
    windowNumber: Type.Union([Type.Integer(), Type.Null()]),
  },
  Strict,
);

const TicketId = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);

function needWindow(member: StaffMember, reply: FastifyReply): number | null {
  if (member.windowNumber === null) {
    void reply.code(409).send({ error: { code: 'no-window', message: 'Choose a window first' } });
    return null;
  }
  return member.windowNumber;
}

export const staffRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const staff = { preHandler: requireStaff(ctx) };
  const tags = ['staff'];
  const security = [{ staffSession: [] }];

  app.post(
    '/staff/login',
    {
      config: { checkOrigin: true },
      schema: {
        summary: 'Log a window agent or administrator in; sets the session cookie',
        description:
          'Limits: 5 wrong passwords lock the account for 15 minutes (423 account-locked, even for the right password); 20 failures from one address block it for 15 minutes (429 too-many-attempts); 503 login-busy when too many logins are being checked at once. Refusals carry `details.until` and a Retry-After header.',
        tags,
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, Strict),
        response: { 200: Member, ...errorResponses, 423: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await logIn(ctx, { username, password, address: request.ip });
      // The username only: never the password, which is sometimes typed into the wrong field.
      request.log.info({ event: 'staff.login', username, outcome: result.ok ? 'success' : result.error.code }, result.ok ? 'staff login' : 'staff login refused');
      if (!result.ok) {
        const retryAfter = result.error.details?.retryAfterSeconds;
        if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
        return sendError(reply, result.error);
      }
      reply.setCookie(STAFF_COOKIE, result.value.token, { ...staffCookieOptions(request), maxAge: STAFF_SESSION_MS / 1000 });
      return result.value.member;
    },
  );

  app.post('/staff/logout', { ...staff, schema: { summary: 'End the staff session', tags, security, response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...errorResponses } } }, async (request, reply) => {
    await logOut(ctx, request.cookies[STAFF_COOKIE]!, request.staff!, request.ip);
    reply.clearCookie(STAFF_COOKIE, staffCookieOptions(request));
    return { ok: true as const };
  });

  app.get('/staff/me', { ...staff, schema: { summary: 'The logged-in staff member and window', tags, security, response: { 200: Member, ...errorResponses } } }, async (request) => request.staff!);

  app.get(
    '/staff/windows',
    {
      ...staff,
      schema: {
        summary: 'The windows of the hall and the categories each serves',
        tags,
        security,
        response: { 200: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String(), categories: Type.Array(Type.String()) }, Strict)), ...errorResponses },
      },
    },
    async () =>
      (await ctx.db.selectFrom('windows').selectAll().orderBy('number').execute()).map((w) => ({
        number: w.number,
        name: w.name,
        categories: JSON.parse(w.category_codes) as string[],
      })),
  );

  app.post(
    '/staff/window',
    {
      ...staff,
      schema: { summary: 'Choose the window this session serves', tags, security, body: Type.Object({ windowNumber: Type.Integer({ minimum: 1 }) }, Strict), response: { 200: Member, ...errorResponses } },
    },
    async (request, reply) => {
      const result = await chooseWindow(ctx, request.cookies[STAFF_COOKIE]!, request.body.windowNumber);
      return result.ok ? { ...request.staff!, windowNumber: result.value } : sendError(reply, result.error);
    },
  );

  app.get(
    '/staff/queue',
    {
      ...staff,
      schema: {
        summary: "The window's current ticket and the tickets waiting for it, in calling order",
        tags,
        security,
        response: { 200: Type.Object({ windowNumber: Type.Integer(), current: Type.Union([QueuedTicketSchema, Type.Null()]), waiting: Type.Array(QueuedTicketSchema) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const windowNumber = needWindow(request.staff!, reply);
      if (windowNumber === null) return reply;
      const [waiting, current] = await Promise.all([
        waitingFor(ctx, windowNumber),
        ctx.db.selectFrom('tickets').selectAll().where('window_number', '=', windowNumber).where('status', '=', 'called').orderBy('called_at', 'desc').executeTakeFirst(),
      ]);
      return {
        windowNumber,
        current: current ? await ticketView(ctx.db, current) : null,
        waiting: await Promise.all(waiting.map((row) => ticketView(ctx.db, row))),
      };
    },
  );

  app.post(
    '/staff/call-next',
    { ...staff, schema: { summary: 'Call the next ticket to this window: priority first, then in order', tags, security, response: { 200: Type.Object({ ticket: Type.Union([QueuedTicketSchema, Type.Null()]) }, Strict), ...errorResponses } } },
    async (request, reply) => {
      const windowNumber = needWindow(request.staff!, reply);
      if (windowNumber === null) return reply;
      const result = await callNext(ctx, windowNumber);
      return result.ok ? { ticket: result.value } : sendError(reply, result.error);
    },
  );

  for (const transition of ['recall', 'no-show', 'finish'] as const) {
    app.post(
      `/staff/tickets/:id/${transition}`,
      {
        ...staff,
        schema: { summary: `${transition} the ticket served at this window`, tags, security, params: TicketId, response: { 200: QueuedTicketSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const windowNumber = needWindow(request.staff!, reply);
        if (windowNumber === null) return reply;
        const result = await updateCall(ctx, request.params.id, windowNumber, transition);
        return result.ok ? result.value : sendError(reply, result.error);
      },
    );
  }
};
