import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { quarterOf, type Quarter } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { errorResponses, LocalDateSchema, Strict } from '../http/schemas.ts';
import { APPEAL_REASON_MAX, decideAppeal, fileAppeal } from '../services/supervision-appeals.ts';
import { listCards, listExemptCases } from '../services/supervision-cards.ts';
import { reportCsv, reportFileName } from '../services/supervision-csv.ts';
import { quarterlyReport } from '../services/supervision-report.ts';

const Instant = Type.String({ description: 'ISO time, China time (+08:00)' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

const QuarterQuery = {
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Default: the current year, China time' })),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Default: the current quarter' })),
};
const Grouping = Type.Union([Type.Literal('center'), Type.Literal('department'), Type.Literal('window'), Type.Literal('person')], { description: '中心 / 部门 / 窗口 / 人员' });
const ReportQuery = Type.Object({ ...QuarterQuery, by: Type.Optional(Grouping) }, Strict);

const Counts = {
  cases: Type.Integer({ description: 'Manual cases accepted in the quarter' }),
  onTime: Type.Integer({ description: 'Finished without a card in force' }),
  inProgress: Type.Integer({ description: 'Open, without a card in force' }),
  yellow: Type.Integer({ description: 'Cases whose worst card in force is yellow' }),
  red: Type.Integer({ description: 'Cases with a red card in force' }),
  revoked: Type.Integer({ description: 'Cards revoked on appeal' }),
  appealsFiled: Type.Integer(),
  appealsApproved: Type.Integer(),
  exemptTerminal: Type.Integer({ description: 'Self-service terminal cases submitted in the quarter (免督查)' }),
  exemptSmartApproval: Type.Integer({ description: 'Smart-approval cases submitted in the quarter (免督查)' }),
};
const ReportSchema = Type.Object(
  {
    year: Type.Integer(),
    quarter: Type.Integer(),
    by: Grouping,
    firstDay: LocalDateSchema,
    lastDay: LocalDateSchema,
    generatedAt: Instant,
    rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ...Counts }, Strict)),
    total: Type.Object(Counts, Strict),
  },
  Strict,
);

const Color = Type.Union([Type.Literal('yellow'), Type.Literal('red')]);
const AppealStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
const AppealSchema = Type.Object(
  { id: Type.String(), cardId: Type.String(), department: Type.String(), reason: Type.String(), status: AppealStatus, filedAt: Instant, decidedAt: NullableInstant },
  Strict,
);
const CardSchema = Type.Object(
  {
    id: Type.String(),
    color: Color,
    issuedAt: Instant,
    revokedAt: NullableInstant,
    department: Type.String(),
    windowNumber: Type.Union([Type.Integer(), Type.Null()]),
    staffName: Type.Union([Type.String(), Type.Null()]),
    caseNumber: Type.String(),
    itemName: Type.String(),
    acceptedAt: Instant,
    dueDate: LocalDateSchema,
    finishedAt: NullableInstant,
    overdueWorkingDays: Type.Integer(),
    appealLastDay: LocalDateSchema,
    appealOpen: Type.Boolean(),
    appeal: Type.Union([AppealSchema, Type.Null()]),
    appealsFiled: Type.Integer(),
  },
  Strict,
);
const CardsQuery = Type.Object(
  {
    ...QuarterQuery,
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('live'), Type.Literal('revoked'), Type.Literal('appeal-pending')], { description: 'live: not revoked' })),
    color: Type.Optional(Color),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  Strict,
);
const ExemptQuery = Type.Object(
  { ...QuarterQuery, caseNumber: Type.Optional(Type.String({ pattern: '^ZW\\d{14}$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  Strict,
);
const ExemptCaseSchema = Type.Object(
  {
    caseNumber: Type.String(),
    itemName: Type.String(),
    department: Type.String(),
    channel: Type.Union([Type.Literal('self-service-terminal'), Type.Literal('smart-approval')]),
    status: Type.String(),
    submittedAt: Instant,
  },
  Strict,
);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);

export const supervisionRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { preHandler: requireStaff(ctx, 'admin') };
  const tags = ['supervision'];
  const security = [{ staffSession: [] }];
  const quarterFrom = (query: { year?: number; quarter?: number }): { year: number; quarter: Quarter } => {
    const current = quarterOf(ctx.clock.now());
    return { year: query.year ?? current.year, quarter: (query.quarter ?? current.quarter) as Quarter };
  };

  app.get(
    '/admin/supervision/report',
    { ...admin, schema: { summary: 'Quarterly efficiency-supervision report by center, department, window or person (cards swept first)', tags, security, querystring: ReportQuery, response: { 200: ReportSchema, ...errorResponses } } },
    async (request) => {
      const { year, quarter } = quarterFrom(request.query);
      return quarterlyReport(ctx, year, quarter, request.query.by ?? 'department');
    },
  );

  app.get(
    '/admin/supervision/report.csv',
    {
      ...admin,
      schema: {
        summary: 'The quarterly report as CSV (UTF-8 with BOM, for Excel), as an attachment',
        tags,
        security,
        querystring: ReportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { year, quarter } = quarterFrom(request.query);
      const report = await quarterlyReport(ctx, year, quarter, request.query.by ?? 'department');
      const name = reportFileName(report);
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`)
        .header('Cache-Control', 'no-store')
        .send(reportCsv(report));
    },
  );

  app.get(
    '/admin/supervision/cards',
    {
      ...admin,
      schema: { summary: 'Yellow and red cards of the cases accepted in a quarter, newest first', tags, security, querystring: CardsQuery, response: { 200: Type.Object({ total: Type.Integer(), cards: Type.Array(CardSchema) }, Strict), ...errorResponses } },
    },
    async (request) => {
      const { department, status, color, limit } = request.query;
      return listCards(ctx, { ...quarterFrom(request.query), department, status, color, limit });
    },
  );

  app.get(
    '/admin/supervision/exempt-cases',
    {
      ...admin,
      schema: {
        summary: 'Non-manual cases (self-service terminal, smart approval) submitted in a quarter: exempt from the supervision',
        tags,
        security,
        querystring: ExemptQuery,
        response: { 200: Type.Object({ total: Type.Integer(), cases: Type.Array(ExemptCaseSchema) }, Strict), ...errorResponses },
      },
    },
    async (request) => listExemptCases(ctx, { ...quarterFrom(request.query), caseNumber: request.query.caseNumber, limit: request.query.limit }),
  );

  app.post(
    '/admin/supervision/cards/:id/appeals',
    {
      ...admin,
      schema: {
        summary: 'Record a department’s appeal against a card (within 15 natural days of issue; one pending appeal per card)',
        description: 'Filed by an administrator on behalf of the department the card was issued to; `department` defaults to the card’s and must match it.',
        tags,
        security,
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: APPEAL_REASON_MAX }), department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, Strict),
        response: { 200: AppealSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      let department = request.body.department;
      if (department === undefined) {
        const card = await ctx.db.selectFrom('supervision_cards').select('department').where('id', '=', request.params.id).executeTakeFirst();
        department = card?.department ?? '';
      }
      const result = await fileAppeal(ctx, request.params.id, department, request.body.reason);
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );

  app.post(
    '/admin/supervision/appeals/:id/decision',
    {
      ...admin,
      schema: {
        summary: 'Approve (revokes the card) or reject a pending appeal',
        tags,
        security,
        params: Id,
        body: Type.Object({ approve: Type.Boolean() }, Strict),
        response: { 200: Type.Object({ appeal: AppealSchema, cardRevokedAt: NullableInstant }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await decideAppeal(ctx, request.params.id, request.body.approve, request.staff!.id);
      return result.ok ? result.value : sendError(reply, result.error);
    },
  );
};
