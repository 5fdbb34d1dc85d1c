import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { localDateOf } from '../../core/calendar/local-date.ts';
import { QUERY_CODE_PATTERN, STATUS_VIEW_FIELDS } from '../../core/case-progress.ts';
import type { HallContext } from '../context.ts';
import { requireStaff, requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { limitedResponses, LOOKUP_LIMITS, PUBLIC_TOKEN_LIMITS, requestLimiter, sendRefusal } from '../http/request-limits.ts';
import { ClientId, errorResponses, LocalDateSchema, Localized, Strict } from '../http/schemas.ts';
import { actOnCase, itemsOfWindow, listDeskCases, registerWindowCase, type DeskAction } from '../services/case-desk.ts';
import { CASE_NUMBER_PATTERN } from '../services/case-store.ts';
import { CardAssertion } from './certificates.ts';
import { caseProgress, caseQueryCode } from '../services/case-progress.ts';
import { caseForEvaluation, caseProgressByToken, MAX_SIGNATURE_CHARS, submitCase } from '../services/cases.ts';
import { loadCatalog } from '../services/catalog.ts';

const Channel = Type.Union([Type.Literal('self-service-terminal'), Type.Literal('window'), Type.Literal('smart-approval')]);
const Handling = Type.Union([Type.Literal('manual'), Type.Literal('non-manual')]);
const Status = Type.Union([Type.Literal('submitted'), Type.Literal('accepted'), Type.Literal('supplement-requested'), Type.Literal('decided'), Type.Literal('finished')]);
const Decision = Type.Union([Type.Literal('approved'), Type.Literal('refused')]);
const Provision = Type.Union([Type.Literal('e-certificate'), Type.Literal('deferred'), Type.Literal('commitment'), Type.Literal('paper')]);
const HolderKindSchema = Type.Union([Type.Literal('person'), Type.Literal('enterprise')]);
const CaseNumber = Type.String({ pattern: CASE_NUMBER_PATTERN, description: 'ZW + service date + six-digit sequence, e.g. ZW20261124000123' });
/** The short reference a receipt printed while its case waited in the terminal's outbox. */
const Reference = Type.String({ pattern: '^[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}$', description: 'First 8 hex digits of the case’s clientId, as XXXX-XXXX' });
const HolderId = Type.String({ pattern: '^[0-9A-Za-z]{18}$', description: 'Resident ID number (GB 11643) or unified social credit code (GB 32100)' });
const Note = Type.String({ maxLength: 200 });
const QueryCode = Type.String({ pattern: QUERY_CODE_PATTERN, description: 'The receipt’s query code: 8 characters of Crockford base32, as XXXX-XXXX' });

const ProvidedMaterialSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 120 }), provision: Provision, certificateId: Type.Optional(Type.String({ format: 'uuid' })) },
  Strict,
);

const CaseEventSchema = Type.Object({ at: Type.String(), status: Status, note: Type.Optional(Type.String()) }, Strict);

const caseViewProperties = {
  caseNumber: Type.String(),
  itemCode: Type.String(),
  itemName: Localized,
  channel: Channel,
  handling: Handling,
  status: Status,
  decision: Type.Union([Decision, Type.Null()]),
  applicantMasked: Type.String(),
  materials: Type.Array(ProvidedMaterialSchema),
  deferred: Type.Union([Type.Object({ names: Type.Array(Type.String()), dueDate: LocalDateSchema }, Strict), Type.Null()]),
  promisedLimitDays: Type.Integer(),
  dueDate: Type.Union([LocalDateSchema, Type.Null()]),
  timeline: Type.Array(CaseEventSchema),
  result: Type.Union([Type.Object({ title: Localized, lines: Type.Array(Type.String()) }, Strict), Type.Null()]),
};

const CaseViewSchema = Type.Object({ ...caseViewProperties, evaluationToken: Type.String() }, Strict);

const DeskCaseSchema = Type.Object(
  {
    ...caseViewProperties,
    id: Type.String(),
    department: Type.String(),
    windowNumber: Type.Union([Type.Integer(), Type.Null()]),
    submittedAt: Type.String(),
    acceptedAt: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    finishedAt: Type.Union([Type.String(), Type.Null()]),
    overdue: Type.Boolean(),
    suspendedSince: Type.Union([Type.String(), Type.Null()]),
  },
  Strict,
);

const CaseProofSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('consent'), consentToken: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) }, Strict),
    Type.Object({ kind: Type.Literal('card'), assertion: CardAssertion }, Strict),
    Type.Object({ kind: Type.Literal('code'), code: Type.String({ minLength: 1, maxLength: 2048 }) }, Strict),
  ],
  {
    description:
      'What proves the applicant stood at the terminal: the consent the case journey was granted, or the card assertion or identity code captured there. ' +
      'Without it the case is taken as typed: no e-certificate is attached and no automatic rule decides it. Each proof serves one case.',
  },
);

/** Also the entries of POST /cases/batch (case-batch.ts). */
export const CaseSubmissionSchema = Type.Object(
  {
    clientId: ClientId,
    itemCode: Type.String({ minLength: 1, maxLength: 64 }),
    applicant: Type.Object(
      {
        kind: HolderKindSchema,
        id: HolderId,
        name: Type.String({ minLength: 1, maxLength: 64 }),
        method: Type.Union([Type.Literal('card'), Type.Literal('code')], { description: 'How the terminal says it identified the applicant: its word only; `proof` is what counts' }),
      },
      Strict,
    ),
    materials: Type.Array(ProvidedMaterialSchema, { maxItems: 30 }),
    formValues: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1000 }), { maxProperties: 40 }),
    commitment: Type.Union([
      Type.Object({ accepted: Type.Literal(true), signature: Type.String({ minLength: 1, maxLength: MAX_SIGNATURE_CHARS, description: 'An SVG path, or a PNG data URL' }) }, Strict),
      Type.Null(),
    ]),
    submittedAt: Type.String({ format: 'date-time', description: 'When the citizen tapped submit, by the terminal’s clock' }),
    queryCode: Type.Optional(QueryCode),
    proof: Type.Optional(CaseProofSchema),
  },
  Strict,
);

const ProgressIdentity = Type.Union([
  Type.Object({ kind: Type.Literal('id'), id: HolderId }, { ...Strict, description: 'A typed ID number or credit code: status and dates only' }),
  Type.Object({ kind: Type.Literal('code'), code: Type.String({ minLength: 1, maxLength: 2048 }) }, { ...Strict, description: 'An identity code, verified here: the whole case' }),
  Type.Object({ kind: Type.Literal('query-code'), queryCode: QueryCode }, { ...Strict, description: 'The query code printed on the case’s receipt: status and dates only' }),
  Type.Object(
    { kind: Type.Literal('card'), idNumber: Type.String({ pattern: '^\\d{17}[\\dXx]$' }), name: Type.String({ minLength: 1, maxLength: 64 }), assertion: CardAssertion },
    { ...Strict, description: 'The ID card on the terminal’s reader with a fresh card assertion of its device key: the whole case' },
  ),
]);

/** What a typed ID number or a query code may learn (core/case-progress.ts CaseStatusView). */
const CaseStatusViewSchema = Type.Object(
  {
    detail: Type.Literal('status-only'),
    ...Object.fromEntries(STATUS_VIEW_FIELDS.map((field) => [field, caseViewProperties[field]])),
    deferredDueDate: Type.Union([LocalDateSchema, Type.Null()], { description: 'When 容缺 materials are due; they are not named' }),
    timeline: Type.Array(Type.Object({ at: Type.String(), status: Status }, Strict)),
  },
  Strict,
);

const ProgressAnswerSchema = Type.Union([Type.Object({ detail: Type.Literal('full'), ...CaseViewSchema.properties }, Strict), CaseStatusViewSchema]);

const CaseByTokenSchema = Type.Object(
  { caseNumber: Type.String(), itemCode: Type.String(), itemName: Localized, department: Type.String(), channel: Channel, handling: Handling, status: Status },
  Strict,
);

const CaseProgressByTokenSchema = Type.Object(
  {
    ...CaseByTokenSchema.properties,
    decision: caseViewProperties.decision,
    applicantMasked: Type.String({ description: 'As the receipt prints it, e.g. 林** 9901**********1234' }),
    promisedLimitDays: caseViewProperties.promisedLimitDays,
    dueDate: caseViewProperties.dueDate,
    deferred: caseViewProperties.deferred,
    timeline: caseViewProperties.timeline,
  },
  Strict,
);

const EvaluationTokenParams = Type.Object({ evaluationToken: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }, Strict);

const DeskFilterSchema = Type.Union([Type.Literal('open'), Type.Literal('finished'), Type.Literal('all'), Status]);
const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict);

const caseErrors = { ...errorResponses, 422: errorResponses[400] };

export const caseRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const terminal = { preHandler: requireTerminal(ctx) };
  const staff = { preHandler: requireStaff(ctx) };
  const terminalSecurity = [{ deviceToken: [] }];
  const staffSecurity = [{ staffSession: [] }];
  const tags = ['cases'];
  const publicLimit = requestLimiter(app, PUBLIC_TOKEN_LIMITS);

  app.post(
    '/cases',
    {
      ...terminal,
      schema: {
        summary: 'Submit a self-service case (自助申办); idempotent by clientId, a repeat answers with the first case',
        description:
          'With a proof of the applicant (proof: the consent, or a card assertion or identity code made at this terminal during the visit) the server attaches the applicant’s e-certificates (免提交) and logs each in the usage log; ' +
          'without one, the case is taken as typed, without attachments or a rule result. 422 case-proof-refused (details.reason) for a proof that does not hold. The server checks the form, 容缺 and 告知承诺 against the item, ' +
          'numbers the case and accepts it at arrival; an item with an automatic rule is decided and finished at once. ' +
          '422 with a code (invalid-form with details.errors, missing-materials / deferral-not-allowed / commitment-not-allowed / commitment-required / unknown-material with details.materials, ' +
          'invalid-applicant-id, invalid-applicant-name, invalid-signature, item-not-kiosk-submittable) and nothing stored.',
        tags,
        security: terminalSecurity,
        body: CaseSubmissionSchema,
        response: { 200: Type.Object({ ...CaseViewSchema.properties, queryCode: Type.Union([Type.String(), Type.Null()]) }, Strict), ...caseErrors },
      },
    },
    async (request, reply) => {
      const submitted = await submitCase(ctx, request.terminal!, request.body);
      // The code stored with the case: the terminal's own, or the one made here when it sent none.
      return submitted.ok ? { ...submitted.value, queryCode: await caseQueryCode(ctx.db, submitted.value.caseNumber) } : sendError(reply, submitted.error);
    },
  );

  app.post(
    '/cases/progress',
    {
      preHandler: [requireTerminal(ctx), requestLimiter(app, LOOKUP_LIMITS)],
      schema: {
        summary: 'Progress query (办件查询): a case and its timeline, by case number (or queued-receipt reference) and a proof of the right to see it',
        description:
          'An identity code (verified here) answers the whole case (detail: full). A typed ID number or the receipt’s query code answers status and dates only (detail: status-only): ' +
          'no materials, form, result, notes or 容缺 material names. An unknown case and another applicant’s case both answer 404 case-not-found. ' +
          'Guessing is stopped: 5 wrong ID numbers or query codes for one case number within an hour make that case answer 429 case-lookups-locked to them; ' +
          'a terminal and a client address are also limited in rate (429 too-many-lookups). Every 429 carries Retry-After.',
        tags,
        security: terminalSecurity,
        body: Type.Union([
          Type.Object({ caseNumber: CaseNumber, identity: ProgressIdentity }, Strict),
          Type.Object({ reference: Reference, identity: ProgressIdentity }, Strict),
        ]),
        response: { 200: ProgressAnswerSchema, ...caseErrors, 429: limitedResponses[429] },
      },
    },
    async (request, reply) => {
      const progress = await caseProgress(ctx, request.terminal!, request.body);
      return progress.ok ? progress.value : sendRefusal(reply, progress.error);
    },
  );

  app.get(
    '/cases/by-token/:evaluationToken',
    {
      preHandler: publicLimit,
      schema: {
        summary: 'The service a receipt’s evaluation QR names: item, department, channel and status, nothing of the applicant',
        tags,
        params: EvaluationTokenParams,
        response: { 200: CaseByTokenSchema, ...limitedResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const found = await caseForEvaluation(ctx, request.params.evaluationToken);
      return found.ok ? found.value : sendError(reply, found.error);
    },
  );

  app.get(
    '/cases/by-token/:evaluationToken/progress',
    {
      preHandler: publicLimit,
      schema: {
        summary: 'The progress page a receipt’s progress QR opens: status, timeline, promised limit and due date, 容缺 materials and their deadline, the decision',
        description:
          'The token printed on the receipt is the only key; the applicant appears only masked, as on the receipt, and neither materials nor a result document are given. ' +
          'An unknown token answers 404 case-not-found, the same for every token; a token of the wrong shape 400.',
        tags,
        params: EvaluationTokenParams,
        response: { 200: CaseProgressByTokenSchema, ...limitedResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const found = await caseProgressByToken(ctx, request.params.evaluationToken);
      return found.ok ? found.value : sendError(reply, found.error);
    },
  );

  app.get(
    '/staff/cases',
    {
      ...staff,
      schema: {
        summary: 'The cases of the business of this window (all cases for an administrator), open ones by due date first',
        tags,
        security: staffSecurity,
        querystring: Type.Object({ status: Type.Optional(DeskFilterSchema) }, Strict),
        response: { 200: Type.Object({ today: LocalDateSchema, cases: Type.Array(DeskCaseSchema) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const listed = await listDeskCases(ctx, request.staff!, request.query.status ?? 'open');
      return listed.ok ? { today: localDateOf(ctx.clock.now()), cases: listed.value } : sendError(reply, listed.error);
    },
  );

  app.get(
    '/staff/cases/items',
    {
      ...staff,
      schema: {
        summary: 'The service items a case can be registered for at this window',
        tags,
        security: staffSecurity,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Localized, department: Type.String(), promisedLimitDays: Type.Integer() }, Strict)) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = request.staff!;
      if (member.windowNumber === null) return sendError(reply, { status: 409, code: 'no-window', message: 'Choose a window first' });
      const items = member.role === 'admin' ? (await loadCatalog(ctx.db)).catalog.items : await itemsOfWindow(ctx, member.windowNumber);
      return { items: items.map((item) => ({ code: item.code, name: item.name, department: item.department, promisedLimitDays: item.promisedLimitDays })) };
    },
  );

  app.post(
    '/staff/cases',
    {
      ...staff,
      schema: {
        summary: 'Register a walk-in applicant’s case at this window (channel window, handling manual), accepted at once unless accept is false',
        tags,
        security: staffSecurity,
        body: Type.Object(
          {
            clientId: ClientId,
            itemCode: Type.String({ minLength: 1, maxLength: 64 }),
            applicant: Type.Object({ kind: HolderKindSchema, id: HolderId, name: Type.String({ minLength: 1, maxLength: 64 }) }, Strict),
            accept: Type.Optional(Type.Boolean()),
          },
          Strict,
        ),
        response: { 200: DeskCaseSchema, ...caseErrors },
      },
    },
    async (request, reply) => {
      const registered = await registerWindowCase(ctx, request.staff!, request.body);
      return registered.ok ? registered.value : sendError(reply, registered.error);
    },
  );

  const deskSchema = (summary: string) => ({ summary, tags, security: staffSecurity, params: CaseIdParams, response: { 200: DeskCaseSchema, ...errorResponses } });
  const act = async (request: FastifyRequest, reply: FastifyReply, id: string, action: DeskAction) => {
    const acted = await actOnCase(ctx, request.staff!, id, action);
    return acted.ok ? acted.value : sendError(reply, acted.error);
  };
  const withNote = (note: string | undefined) => (note === undefined ? {} : { note });

  app.post('/staff/cases/:id/accept', { ...staff, schema: deskSchema('Accept (受理) a registered case: the promised limit starts') }, (request, reply) =>
    act(request, reply, request.params.id, { kind: 'accept' }),
  );
  app.post(
    '/staff/cases/:id/supplement',
    { ...staff, schema: { ...deskSchema('Request a supplement (补正) with a note of what is missing: the clock stops'), body: Type.Object({ note: Note }, Strict) } },
    (request, reply) => act(request, reply, request.params.id, { kind: 'request-supplement', note: request.body.note }),
  );
  app.post(
    '/staff/cases/:id/supplement-received',
    { ...staff, schema: { ...deskSchema('The supplement arrived: the clock runs again and the due date moves by the working days it stood still'), body: Type.Object({ note: Type.Optional(Note) }, Strict) } },
    (request, reply) => act(request, reply, request.params.id, { kind: 'supplement-received', ...withNote(request.body.note) }),
  );
  app.post(
    '/staff/cases/:id/decide',
    { ...staff, schema: { ...deskSchema('Decide the case: approved, or refused with its reason'), body: Type.Object({ decision: Decision, note: Type.Optional(Note) }, Strict) } },
    (request, reply) => act(request, reply, request.params.id, { kind: 'decide', decision: request.body.decision, ...withNote(request.body.note) }),
  );
  app.post(
    '/staff/cases/:id/finish',
    { ...staff, schema: { ...deskSchema('Finish (办结) a decided case: the result is handed over'), body: Type.Object({ note: Type.Optional(Note) }, Strict) } },
    (request, reply) => act(request, reply, request.params.id, { kind: 'finish', ...withNote(request.body.note) }),
  );
};
