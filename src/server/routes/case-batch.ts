import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { ErrorBody, errorResponses, Strict } from '../http/schemas.ts';
import { submitCaseBatch } from '../services/case-batch.ts';
import { CASE_NUMBER_PATTERN } from '../services/case-store.ts';
import { CaseSubmissionSchema } from './cases.ts';

/**
 * A terminal back online sends its outbox in batches: one request per case cost ~8 ms end to end
 * of which the hall spent ~3, so 5,000 queued cases took 41–100 s to drain against 30.
 */
export const MAX_BATCH_SUBMISSIONS = 100;
/**
 * A signature alone may be 32 KB (MAX_SIGNATURE_CHARS): the app-wide 64 KB would refuse a batch of
 * two signed cases. 100 signed cases and their forms fit; a larger batch answers 413.
 */
export const BATCH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const ClientIdOut = Type.String({ description: 'The clientId of the submission this outcome answers' });

const BatchOutcomeSchema = Type.Union([
  Type.Object(
    {
      clientId: ClientIdOut,
      status: Type.Literal('stored', { description: 'Stored now, or by an earlier request or an earlier entry of this batch with the same clientId' }),
      caseNumber: Type.String({ pattern: CASE_NUMBER_PATTERN }),
    },
    Strict,
  ),
  Type.Object(
    {
      clientId: ClientIdOut,
      status: Type.Literal('refused', { description: 'Refused as POST /cases refuses it (its 4xx code and details); nothing of it was stored. Sending it again gets the same answer' }),
      error: ErrorBody.properties.error,
    },
    Strict,
  ),
  Type.Object({ clientId: ClientIdOut, status: Type.Literal('retry', { description: 'The hall failed on this entry; nothing of it was stored. Send it again later' }) }, Strict),
]);

export const caseBatchRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/cases/batch',
    {
      preHandler: requireTerminal(ctx),
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        summary: `Submit up to ${MAX_BATCH_SUBMISSIONS} self-service cases at once: a terminal draining its outbox`,
        description:
          'Each submission is handled as POST /cases handles it, on its own and in order: the same checks, the same idempotency by clientId ' +
          '(a repeat, also within the batch, answers stored with the first case’s number), its own transaction. One outcome per submission, in their order: ' +
          'stored, refused (with the code POST /cases would answer) or retry (a fault of the hall; nothing stored). ' +
          `A malformed body, any malformed submission, or more than ${MAX_BATCH_SUBMISSIONS} answer 400 for the whole batch, as POST /cases would for that submission: ` +
          `send those entries alone. Bodies up to ${BATCH_BODY_LIMIT_BYTES / 1024 / 1024} MiB; a larger one answers 413.`,
        tags: ['cases'],
        security: [{ deviceToken: [] }],
        body: Type.Object({ submissions: Type.Array(CaseSubmissionSchema, { minItems: 1, maxItems: MAX_BATCH_SUBMISSIONS }) }, Strict),
        response: { 200: Type.Object({ results: Type.Array(BatchOutcomeSchema) }, Strict), ...errorResponses },
      },
    },
    async (request) => {
      const results = await submitCaseBatch(ctx, request.terminal!, request.body.submissions, (fault) => request.log.error(fault, 'a batch case could not be stored; the terminal sends it again'));
      return { results };
    },
  );
};
