import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { MAX_ASSERTION_BYTES } from '../../core/device-assertion.ts';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { limitedResponses, PUBLIC_TOKEN_LIMITS, requestLimiter } from '../http/request-limits.ts';
import { ClientId, errorResponses, Localized, Strict } from '../http/schemas.ts';
import { consentOf, endConsent, grantConsent, type Consent } from '../services/certificate-consents.ts';
import { copyVerification, issueCopy } from '../services/certificate-copies.ts';
import { listCertificates, usageRecords, viewCertificate } from '../services/certificates.ts';

const ConsentToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'From POST /certificates/consents; opens the consented certificates at this terminal for 15 minutes' });
const CertificateId = Type.String({ format: 'uuid' });
const PurposeSchema = Type.Union([Type.Object({ kind: Type.Literal('item'), itemCode: Type.String({ minLength: 1, maxLength: 64 }) }, Strict), Type.Object({ kind: Type.Literal('own-view') }, Strict)]);
const NamedPurpose = Type.Union([
  Type.Object({ kind: Type.Literal('item'), itemCode: Type.String(), name: Localized }, Strict),
  Type.Object({ kind: Type.Literal('own-view'), name: Localized }, Strict),
]);
const UsageActionSchema = Type.Union([Type.Literal('retrieve'), Type.Literal('view'), Type.Literal('copy-a4'), Type.Literal('copy-receipt'), Type.Literal('window-use'), Type.Literal('case-attach')]);
const CopyFormatSchema = Type.Union([Type.Literal('a4'), Type.Literal('receipt')]);
const ValidUntil = Type.String({ description: 'YYYY-MM-DD, or long-term' });

/** A card is believed only with the assertion the terminal's kiosk-shell signed for it with its device key. */
export const CardAssertion = Type.String({ minLength: 1, maxLength: MAX_ASSERTION_BYTES, description: 'Compact JWS (ES256, typ kiosk24-card+jwt) by the terminal’s device key over the card read' });

export const IdentityProof = Type.Union([
  Type.Object(
    { kind: Type.Literal('card'), idNumber: Type.String({ pattern: '^\\d{17}[\\dXx]$' }), name: Type.String({ minLength: 1, maxLength: 64 }), assertion: CardAssertion },
    Strict,
  ),
  Type.Object({ kind: Type.Literal('code'), code: Type.String({ minLength: 1, maxLength: 2048 }) }, Strict),
]);

const ConsentGrantSchema = Type.Object(
  {
    consentToken: Type.String(),
    holder: Type.Object({ kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]), name: Type.String(), idMasked: Type.String() }, Strict),
    purpose: NamedPurpose,
    typeCodes: Type.Array(Type.String()),
    terminalName: Type.String(),
    grantedAt: Type.String(),
    expiresAt: Type.String(),
  },
  Strict,
);

const summaryProperties = {
  id: Type.String(),
  typeCode: Type.String(),
  number: Type.String(),
  issuer: Type.String(),
  issuedOn: Type.String(),
  validUntil: ValidUntil,
  valid: Type.Boolean(),
};
const CertificateSummarySchema = Type.Object(summaryProperties, Strict);
const CertificateViewSchema = Type.Object(
  {
    ...summaryProperties,
    holderName: Type.String(),
    holderIdMasked: Type.String(),
    fields: Type.Array(Type.Object({ key: Type.String(), label: Localized, value: Type.String() }, Strict)),
  },
  Strict,
);

const CopyIssuedSchema = Type.Object(
  { copyId: Type.String(), verifyUrl: Type.String(), watermark: Type.String(), issuedAt: Type.String(), pdf: Type.Optional(Type.String({ contentEncoding: 'base64' })) },
  Strict,
);

const UsageRecordSchema = Type.Object({ at: Type.String(), typeCode: Type.String(), action: UsageActionSchema, user: Type.String(), purpose: Type.String() }, Strict);

const CopyVerificationSchema = Type.Object(
  {
    copyId: Type.String(),
    typeCode: Type.String(),
    typeName: Localized,
    certificateNumber: Type.String(),
    holderMasked: Type.String(),
    purpose: Type.String(),
    watermark: Type.String(),
    format: CopyFormatSchema,
    terminalName: Type.String(),
    hallName: Localized,
    issuedAt: Type.String(),
  },
  Strict,
);

/** The origin the terminal reached this server at: a copy's QR leads back to the same hall. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const certificateRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const terminal = { preHandler: requireTerminal(ctx) };
  const security = [{ deviceToken: [] }];
  const tags = ['certificates'];

  /** Runs `work` under the consent the body's token opens, or answers why there is none. */
  async function withConsent<T>(request: FastifyRequest, reply: FastifyReply, token: string, work: (consent: Consent) => Promise<T>) {
    const consent = await consentOf(ctx, request.terminal!, token);
    return consent.ok ? work(consent.value) : sendError(reply, consent.error);
  }

  app.post(
    '/certificates/consents',
    {
      ...terminal,
      schema: {
        summary: 'Record the citizen’s consent (identity by card or identity code, and a purpose) and open their certificates for it',
        description:
          'A card identity needs a fresh (two minutes), unused card assertion of this terminal’s device key for that number and name (422 card-assertion-refused with details.reason otherwise); ' +
          'an identity code is verified again here and accepted once across all terminals (422 identity-code-refused with details.reason otherwise). ' +
          'A terminal past its identity limits is suspended (403 terminal-suspended).',
        tags,
        security,
        body: Type.Object({ clientId: ClientId, identity: IdentityProof, purpose: PurposeSchema }, Strict),
        response: { 200: ConsentGrantSchema, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const granted = await grantConsent(ctx, request.terminal!, request.body);
      return granted.ok ? granted.value : sendError(reply, granted.error);
    },
  );

  app.post(
    '/certificates/consents/end',
    { ...terminal, schema: { summary: 'End a consent when the citizen’s session ends', tags, security, body: Type.Object({ consentToken: ConsentToken }, Strict), response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...errorResponses } } },
    async (request) => {
      await endConsent(ctx, request.terminal!, request.body.consentToken);
      return { ok: true as const };
    },
  );

  app.post(
    '/certificates/list',
    {
      ...terminal,
      schema: {
        summary: 'The consented certificates of the holder (the retrieval, logged once per consent)',
        tags,
        security,
        body: Type.Object({ consentToken: ConsentToken }, Strict),
        response: { 200: Type.Object({ certificates: Type.Array(CertificateSummarySchema) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => withConsent(request, reply, request.body.consentToken, async (consent) => ({ certificates: await listCertificates(ctx, request.terminal!, consent) })),
  );

  app.post(
    '/certificates/view',
    {
      ...terminal,
      schema: { summary: 'One consented certificate with all its fields, for the screen (logged as viewed)', tags, security, body: Type.Object({ consentToken: ConsentToken, certificateId: CertificateId }, Strict), response: { 200: CertificateViewSchema, ...errorResponses } },
    },
    async (request, reply) =>
      withConsent(request, reply, request.body.consentToken, async (consent) => {
        const view = await viewCertificate(ctx, request.terminal!, consent, request.body.certificateId);
        return view.ok ? view.value : sendError(reply, view.error);
      }),
  );

  app.post(
    '/certificates/copies',
    {
      ...terminal,
      schema: {
        summary: 'Issue a watermarked copy: an A4 PDF for the document printer, or a record for a receipt summary (logged, idempotent by clientId)',
        tags,
        security,
        body: Type.Object({ clientId: ClientId, consentToken: ConsentToken, certificateId: CertificateId, format: CopyFormatSchema }, Strict),
        response: { 200: CopyIssuedSchema, 503: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) =>
      withConsent(request, reply, request.body.consentToken, async (consent) => {
        const { clientId, certificateId, format } = request.body;
        const copy = await issueCopy(ctx, request.terminal!, consent, { clientId, certificateId, format }, originOf(request));
        return copy.ok ? copy.value : sendError(reply, copy.error);
      }),
  );

  app.post(
    '/certificates/usage',
    {
      ...terminal,
      schema: {
        summary: 'The identified citizen’s own usage log (用证记录): who used their certificates, when and for what',
        tags,
        security,
        body: Type.Object({ consentToken: ConsentToken }, Strict),
        response: { 200: Type.Object({ records: Type.Array(UsageRecordSchema) }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => withConsent(request, reply, request.body.consentToken, async (consent) => ({ records: await usageRecords(ctx, consent) })),
  );

  app.get(
    '/copies/:copyId/verification',
    {
      // Anyone may check a copy; nobody may scan for copies (http/request-limits.ts).
      preHandler: requestLimiter(app, PUBLIC_TOKEN_LIMITS),
      schema: {
        summary: 'Public check of a printed copy: issued by this hall, when, where and for what purpose (holder masked)',
        tags,
        params: Type.Object({ copyId: Type.String({ maxLength: 64 }) }, Strict),
        response: { 200: CopyVerificationSchema, ...limitedResponses },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const verification = await copyVerification(ctx, request.params.copyId);
      return verification.ok ? verification.value : sendError(reply, verification.error);
    },
  );
};
