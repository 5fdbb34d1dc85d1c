import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isOpenAt } from '../../core/calendar/hours.ts';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { limitedResponses, PUBLIC_TOKEN_LIMITS, requestLimiter, sendRefusal, tooMany } from '../http/request-limits.ts';
import { TokenBuckets } from '../http/token-buckets.ts';
import { ClientId, errorResponses, invalidDateError, LocalDateSchema, Localized, SessionSchema, Strict, TicketSchema } from '../http/schemas.ts';
import { loadCategories } from '../services/catalog.ts';
import { trackTicket, waitingToday } from '../services/calls.ts';
import { DEFAULT_LEASE_SIZE, leaseNumbers, MAX_LEASE_SIZE, recordOfflineTicket } from '../services/leases.ts';
import { issueTicket, sessionFor, type TicketView } from '../services/tickets.ts';

/**
 * Leased numbers a terminal may hold in a burst: ten for each of twenty categories, refilled at
 * the ticket rate (each leased number is a citizen's ticket, issued offline).
 */
const LEASE_BURST_NUMBERS = 200;

/** A host header as browsers send it: a name or address, and a port. Anything else makes no link. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The address of a ticket's track page, on the origin the terminal reached this server at: the
 * citizen's phone scans it in the same hall network. A request without a usable host header
 * (only a hand-made one) gets the path alone.
 */
function trackUrl(request: FastifyRequest, token: string): string {
  const path = `/track/${token}`;
  const host: unknown = request.host;
  return typeof host === 'string' && HOST.test(host) ? `${request.protocol}://${host}${path}` : path;
}

const SessionAt = Type.Object({ date: LocalDateSchema, start: Type.String(), end: Type.String() }, Strict);

export const ticketRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const terminal = { preHandler: requireTerminal(ctx) };
  const citizenTicket = (request: FastifyRequest, ticket: TicketView) => ({ ...ticket, hallName: ctx.config.kiosk.hallName, trackUrl: trackUrl(request, ticket.trackToken) });
  const security = [{ deviceToken: [] }];
  // Per terminal, in this process (token-buckets.ts): a stolen device token cannot take a day's quota in seconds.
  const now = () => ctx.clock.now();
  const ticketBuckets = new TokenBuckets(ctx.config.ticketLimit, now);
  const leaseBuckets = new TokenBuckets({ burst: LEASE_BURST_NUMBERS, intervalMs: ctx.config.ticketLimit.intervalMs }, now);
  const limitTickets = (terminalId: string) => () => {
    const taken = ticketBuckets.take(terminalId);
    return taken.admitted ? null : tooMany('too-many-tickets', 'This terminal is taking tickets faster than citizens can; please wait a moment', taken.retryAfterMs);
  };
  const publicLimit = requestLimiter(app, PUBLIC_TOKEN_LIMITS);

  app.get(
    '/queue',
    {
      ...terminal,
      schema: {
        summary: 'Queue categories with waiting counts, open state and the session a ticket taken now is for',
        tags: ['tickets'],
        security,
        response: {
          200: Type.Object(
            {
              hallName: Localized,
              now: Type.String(),
              categories: Type.Array(
                Type.Object(
                  {
                    code: Type.String(),
                    prefix: Type.String(),
                    name: Localized,
                    waiting: Type.Integer(),
                    open: Type.Boolean(),
                    session: Type.Union([SessionAt, Type.Null()]),
                    quotaFull: Type.Boolean(),
                  },
                  Strict,
                ),
              ),
            },
            Strict,
          ),
          ...errorResponses,
        },
      },
    },
    async () => {
      const now = ctx.clock.now();
      const [categories, waitingBy] = await Promise.all([loadCategories(ctx.db), waitingToday(ctx)]);
      return {
        hallName: ctx.config.kiosk.hallName,
        now: new Date(now).toISOString(),
        categories: await Promise.all(
          categories.map(async (category) => {
            const { first, withRoom } = await sessionFor(ctx, category);
            const session = withRoom ?? first;
            return {
              code: category.code,
              prefix: category.prefix,
              name: category.name,
              waiting: waitingBy.get(category.code) ?? 0,
              open: first !== null && isOpenAt(first, now),
              session: session && { date: session.date, start: session.window.start, end: session.window.end },
              quotaFull: first !== null && withRoom?.date !== first.date,
            };
          }),
        ),
      };
    },
  );

  app.post(
    '/tickets',
    {
      ...terminal,
      schema: {
        summary: 'Take a ticket; after hours or on a holiday it is for the next open session of the category',
        description:
          'Idempotent by clientId: a repeat is answered with the first ticket, never limited. A new ticket is limited per terminal ' +
          '(KIOSK_TICKET_BURST at once, then one every KIOSK_TICKET_INTERVAL_SECONDS): past it, 429 too-many-tickets with Retry-After.',
        tags: ['tickets'],
        security,
        body: Type.Object(
          {
            clientId: ClientId,
            category: Type.String({ maxLength: 64 }),
            idNumber: Type.Optional(Type.String({ maxLength: 18, minLength: 18 })),
            appointmentCode: Type.Optional(Type.String({ maxLength: 32, minLength: 4 })),
            serviceDate: Type.Optional(LocalDateSchema),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              ticket: TicketSchema,
              repeated: Type.Boolean(),
              appointmentNotice: Type.Union([
                Type.Object({ code: Type.String(), startsAt: Type.String(), endsAt: Type.String() }, Strict),
                Type.Null(),
              ]),
            },
            Strict,
          ),
          ...limitedResponses,
        },
      },
    },
    async (request, reply) => {
      const refused = invalidDateError('serviceDate', request.body.serviceDate);
      if (refused) return sendError(reply, refused);
      const terminalId = request.terminal!.id;
      const result = await issueTicket(ctx, { ...request.body, terminalId }, limitTickets(terminalId));
      return result.ok ? { ...result.value, ticket: citizenTicket(request, result.value.ticket) } : sendRefusal(reply, result.error);
    },
  );

  app.post(
    '/tickets/leases',
    {
      ...terminal,
      schema: {
        summary: 'Lease a block of ticket numbers of the current or next session, for issuing while offline',
        tags: ['tickets'],
        security,
        body: Type.Object(
          { category: Type.String({ maxLength: 64 }), size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LEASE_SIZE })) },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              id: Type.String(),
              category: Type.String(),
              prefix: Type.String(),
              serviceDate: LocalDateSchema,
              session: SessionSchema,
              firstSeq: Type.Integer(),
              lastSeq: Type.Integer(),
              expiresAt: Type.String(),
            },
            Strict,
          ),
          ...limitedResponses,
        },
      },
    },
    async (request, reply) => {
      const size = request.body.size ?? DEFAULT_LEASE_SIZE;
      const taken = leaseBuckets.take(request.terminal!.id, size);
      if (!taken.admitted) return sendRefusal(reply, tooMany('too-many-leases', 'This terminal is leasing numbers faster than it can issue them; please wait', taken.retryAfterMs).error);
      const result = await leaseNumbers(ctx, request.terminal!.id, request.body.category, size);
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );

  app.post(
    '/tickets/offline',
    {
      ...terminal,
      schema: {
        summary: 'Report a ticket issued from a number lease while offline (idempotent by clientId)',
        tags: ['tickets'],
        security,
        body: Type.Object(
          {
            clientId: ClientId,
            leaseId: Type.String({ maxLength: 64 }),
            seq: Type.Integer({ minimum: 1 }),
            issuedAt: Type.String({ format: 'date-time' }),
            priority: Type.Union([Type.Literal('elder'), Type.Null()]),
          },
          Strict,
        ),
        response: { 200: Type.Object({ ticket: TicketSchema, repeated: Type.Boolean() }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await recordOfflineTicket(ctx, request.terminal!.id, request.body);
      return result.ok ? { ...result.value, ticket: citizenTicket(request, result.value.ticket) } : sendError(reply, result.error);
    },
  );

  app.get(
    '/tickets/track/:token',
    {
      preHandler: publicLimit,
      schema: {
        summary: 'Position of a ticket, for the QR code on it (the token is unguessable)',
        tags: ['tickets'],
        params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }, Strict),
        response: { 200: TicketSchema, ...limitedResponses },
      },
    },
    async (request, reply) => {
      const result = await trackTicket(ctx, request.params.token);
      return result.ok ? citizenTicket(request, result.value) : sendError(reply, result.error);
    },
  );
};
