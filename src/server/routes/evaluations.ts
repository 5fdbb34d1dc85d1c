import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { EVALUATION_LEVELS, REASON_CODES, type SubjectKind } from '../../core/evaluation.ts';
import type { HallContext } from '../context.ts';
import { requireStaff, requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { limitedResponses, LOOKUP_LIMITS, PUBLIC_TOKEN_LIMITS, requestLimiter, sendRefusal } from '../http/request-limits.ts';
import { ClientId, errorResponses, LocalDateSchema, Localized, Strict } from '../http/schemas.ts';
import { evaluationStatus, recordEvaluation, subjectByToken, terminalSubject } from '../services/evaluations.ts';
import { evaluationSummary, listEvaluations, MAX_OUTCOME_LENGTH, resolveRectification } from '../services/rectifications.ts';

const Kind = Type.Union([Type.Literal('case'), Type.Literal('ticket')]);
const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: "A ticket's track token or a case's evaluation token" });
const Level = Type.Enum(EVALUATION_LEVELS, { description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' });
const Reason = Type.Enum(REASON_CODES, { description: 'Required with level 2 or 1, refused above' });
// Code units here; the 200 characters (code points) are checked by the core rule.
const Comment = Type.String({ maxLength: 400, description: 'Optional, at most 200 characters' });

const Subject = Type.Union([
  Type.Object({ kind: Kind, clientId: ClientId }, { ...Strict, description: 'A ticket or case made at this terminal, by the clientId of its write' }),
  Type.Object({ kind: Kind, token: Token }, { ...Strict, description: 'A ticket or case by the token of its QR code' }),
  Type.Object(
    {
      kind: Type.Literal('case'),
      caseNumber: Type.String({ pattern: '^[0-9A-Za-z]{4,24}$' }),
      applicantId: Type.String({ pattern: '^[0-9A-Za-z]{15,18}$', description: "The identified applicant's ID number or credit code, attested by the terminal" }),
    },
    { ...Strict, description: 'A case by its number, for its identified applicant' },
  ),
]);

const EvaluatedSubject = Type.Object({ kind: Kind, reference: Type.String(), title: Localized, date: LocalDateSchema }, Strict);

const Rectification = Type.Object(
  {
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    dueAt: Type.String({ description: 'The first instant past the due working day' }),
    overdue: Type.Boolean(),
    outcome: Type.Union([Type.String(), Type.Null()]),
    resolvedAt: Type.Union([Type.String(), Type.Null()]),
  },
  Strict,
);

const Evaluation = Type.Object(
  {
    subject: EvaluatedSubject,
    level: Level,
    reason: Type.Union([Reason, Type.Null()]),
    comment: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Literal('terminal'), Type.Literal('phone')]),
    createdAt: Type.String(),
    rectification: Type.Union([Rectification, Type.Null()]),
  },
  Strict,
);

const Recorded = Type.Object({ evaluation: Evaluation, repeated: Type.Boolean() }, Strict);
const Status = Type.Object({ subject: EvaluatedSubject, evaluation: Type.Union([Evaluation, Type.Null()]) }, Strict);

const AdminRectification = Type.Object(
  { ...Rectification.properties, id: Type.String(), department: Type.String(), resolvedBy: Type.Union([Type.String(), Type.Null()]) },
  Strict,
);

const AdminEvaluation = Type.Object(
  {
    id: Type.String(),
    subjectKind: Kind,
    reference: Type.String(),
    title: Type.String(),
    department: Type.String(),
    level: Level,
    reason: Type.Union([Reason, Type.Null()]),
    comment: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Literal('terminal'), Type.Literal('phone')]),
    createdAt: Type.String(),
    rectification: Type.Union([AdminRectification, Type.Null()]),
  },
  Strict,
);

const Summary = Type.Object(
  {
    total: Type.Integer(),
    byLevel: Type.Array(Type.Object({ level: Level, count: Type.Integer() }, Strict)),
    openRectifications: Type.Integer(),
    overdueRectifications: Type.Integer(),
  },
  Strict,
);

const Rating = { level: Level, reason: Type.Optional(Reason), comment: Type.Optional(Comment) };

export const evaluationRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { preHandler: requireStaff(ctx, 'admin') };
  const deviceToken = [{ deviceToken: [] }];
  // Lookups that could be guessed at are limited in rate; a miss by case number also counts against the case (evaluations.ts).
  const lookupLimit = requestLimiter(app, LOOKUP_LIMITS);
  const publicLimit = requestLimiter(app, PUBLIC_TOKEN_LIMITS);
  const authorized = requireTerminal(ctx);
  const lookupByTerminal = { preHandler: [authorized, lookupLimit] };
  const staffSession = [{ staffSession: [] }];

  app.post(
    '/evaluations',
    {
      preHandler: authorized,
      schema: {
        summary: 'Evaluate a ticket or case at the terminal (idempotent by clientId; one evaluation per service, a second gets 409 already-evaluated)',
        tags: ['evaluations'],
        security: deviceToken,
        body: Type.Object({ clientId: ClientId, subject: Subject, ...Rating }, Strict),
        response: { 200: Recorded, ...limitedResponses },
      },
    },
    async (request, reply) => {
      const { subject: named, ...rating } = request.body;
      // By clientId or token it names nothing guessable: only an evaluation by case number is
      // limited, so a terminal's outbox sending a night's evaluations at once is never held up.
      if ('caseNumber' in named && (await lookupLimit(request, reply))) return reply;
      const subject = await terminalSubject(ctx, named, request.terminal!.id);
      if (!subject.ok) return sendRefusal(reply, subject.error);
      const result = await recordEvaluation(ctx, subject.value, { ...rating, source: 'terminal' });
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );

  app.post(
    '/evaluations/status',
    {
      ...lookupByTerminal,
      schema: {
        summary: 'Whether a ticket or case was evaluated, with the rectification of a bad rating',
        tags: ['evaluations'],
        security: deviceToken,
        body: Type.Object({ subject: Subject }, Strict),
        response: { 200: Status, ...limitedResponses },
      },
    },
    async (request, reply) => {
      const subject = await terminalSubject(ctx, request.body.subject, request.terminal!.id);
      return subject.ok ? evaluationStatus(ctx, subject.value) : sendRefusal(reply, subject.error);
    },
  );

  app.post(
    '/evaluations/by-token',
    {
      preHandler: publicLimit,
      schema: {
        summary: "Evaluate from the citizen's phone, by the token of the QR code on the ticket or receipt",
        tags: ['evaluations'],
        body: Type.Object({ clientId: ClientId, kind: Kind, token: Token, ...Rating }, Strict),
        response: { 200: Recorded, ...limitedResponses },
      },
    },
    async (request, reply) => {
      const { kind, token, ...rating } = request.body;
      const subject = await subjectByToken(ctx, kind, token);
      if (!subject.ok) return sendError(reply, subject.error);
      const result = await recordEvaluation(ctx, subject.value, { ...rating, source: 'phone' });
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );

  app.get(
    '/evaluations/by-token/:kind/:token',
    {
      preHandler: publicLimit,
      schema: {
        summary: 'Whether the service of a QR code was evaluated, with the outcome of its rectification',
        tags: ['evaluations'],
        params: Type.Object({ kind: Kind, token: Token }, Strict),
        response: { 200: Status, ...limitedResponses },
      },
    },
    async (request, reply) => {
      const subject = await subjectByToken(ctx, request.params.kind as SubjectKind, request.params.token);
      return subject.ok ? evaluationStatus(ctx, subject.value) : sendError(reply, subject.error);
    },
  );

  app.get(
    '/admin/evaluations',
    {
      ...admin,
      schema: {
        summary: 'Evaluations, newest first, with their rectifications; or only those with a rectification (open ones most urgent first)',
        tags: ['admin', 'evaluations'],
        security: staffSession,
        querystring: Type.Object(
          {
            rectification: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('all')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ summary: Summary, evaluations: Type.Array(AdminEvaluation) }, Strict), ...errorResponses },
      },
    },
    async (request) => {
      const { rectification, limit = 200 } = request.query;
      const [summary, evaluations] = await Promise.all([evaluationSummary(ctx), listEvaluations(ctx, { limit, ...(rectification ? { rectification } : {}) })]);
      return { summary, evaluations };
    },
  );

  app.post(
    '/admin/rectifications/:id/resolve',
    {
      ...admin,
      schema: {
        summary: 'Resolve a rectification with its outcome, which the citizen then sees on the evaluation page',
        tags: ['admin', 'evaluations'],
        security: staffSession,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
        body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: MAX_OUTCOME_LENGTH * 2 }) }, Strict),
        response: { 200: AdminEvaluation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await resolveRectification(ctx, request.params.id, request.body.outcome, request.staff!.id);
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );
};
