import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { addDays, datesBetween, isLocalDate, localDateOf } from '../../core/calendar/local-date.ts';
import type { HallContext } from '../context.ts';
import { sendError } from '../http/errors.ts';
import { CategoryHoursSchema, errorResponses, invalidDateError, LocalDateSchema, Localized, Strict } from '../http/schemas.ts';
import { loadCatalog } from '../services/catalog.ts';

const Material = Type.Object(
  {
    name: Type.String(),
    form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('original-and-copy'), Type.Literal('electronic')]),
    copies: Type.Integer(),
    required: Type.Boolean(),
    certificateType: Type.Optional(Type.String()),
    deferrable: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String()),
  },
  Strict,
);

const FormFieldSchema = Type.Object(
  {
    key: Type.String(),
    label: Localized,
    kind: Type.Union([Type.Literal('text'), Type.Literal('digits'), Type.Literal('phone'), Type.Literal('latin'), Type.Literal('date'), Type.Literal('choice')]),
    required: Type.Boolean(),
    maxLength: Type.Optional(Type.Integer()),
    choices: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Localized }, Strict))),
    hint: Type.Optional(Localized),
  },
  Strict,
);

const SearchKeySchema = Type.Object({ text: Type.String(), pinyin: Type.String(), initials: Type.String() }, Strict);

export const ServiceItemSchema = Type.Object(
  {
    code: Type.String(),
    name: Localized,
    itemType: Type.Union([
      Type.Literal('administrative-licence'),
      Type.Literal('administrative-confirmation'),
      Type.Literal('administrative-payment'),
      Type.Literal('public-service'),
      Type.Literal('other-power'),
    ]),
    handling: Type.Union([Type.Literal('instant'), Type.Literal('promised')]),
    department: Type.String(),
    categoryCode: Type.String(),
    lifeEvents: Type.Array(Type.String()),
    conditions: Type.Array(Type.String()),
    materials: Type.Array(Material),
    statutoryLimitDays: Type.Integer(),
    promisedLimitDays: Type.Integer(),
    fee: Type.String(),
    place: Type.String(),
    hours: Type.String(),
    onlineUrl: Type.Union([Type.String(), Type.Null()]),
    consultPhone: Type.String(),
    complaintPhone: Type.String(),
    kioskSubmittable: Type.Boolean(),
    commitmentAllowed: Type.Boolean(),
    missingMaterialAllowed: Type.Boolean(),
    searchKeys: Type.Optional(Type.Array(SearchKeySchema, { description: 'Pinyin of the name and of names citizens use for it, for search on the terminal' })),
    missingMaterialDays: Type.Optional(Type.Integer()),
    commitmentText: Type.Optional(Type.String()),
    formFields: Type.Optional(Type.Array(FormFieldSchema)),
    automaticRule: Type.Optional(
      Type.Union([Type.Literal('social-insurance-payment-certificate'), Type.Literal('enterprise-information-extract'), Type.Literal('housing-fund-deposit-certificate')]),
    ),
  },
  Strict,
);

export const QueueCategorySchema = Type.Object(
  {
    code: Type.String(),
    prefix: Type.String(),
    name: Localized,
    dailyQuota: Type.Integer(),
    hours: CategoryHoursSchema,
    windows: Type.Array(Type.Integer()),
  },
  Strict,
);

/**
 * If-None-Match as RFC 9110 reads it: `*`, or a list of tags compared weakly (W/"x" matches "x"),
 * as browsers and caches send it after they revalidate.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const current = opaque(etag);
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === current);
}

/** The calendar is served a few weeks at a time: enough for any "next opening" a terminal shows. */
const MAX_CALENDAR_DAYS = 120;

export const catalogRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/catalog',
    {
      schema: {
        summary: 'Service items with every service-guide field, and the queue categories (ETag / 304)',
        tags: ['catalog'],
        response: { 200: Type.Object({ categories: Type.Array(QueueCategorySchema), items: Type.Array(ServiceItemSchema) }, Strict), 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const { catalog, etag } = await loadCatalog(ctx.db);
      reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return catalog;
    },
  );

  app.get(
    '/calendar',
    {
      schema: {
        summary: 'The business calendar: kind of each day (workday, weekend, holiday, adjusted-workday)',
        tags: ['catalog'],
        querystring: Type.Object({ from: Type.Optional(LocalDateSchema), days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CALENDAR_DAYS })) }, Strict),
        response: {
          200: Type.Object(
            {
              timeZone: Type.Literal('Asia/Shanghai'),
              days: Type.Array(Type.Object({ date: LocalDateSchema, kind: Type.String() }, Strict)),
            },
            Strict,
          ),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const refused = invalidDateError('from', request.query.from);
      if (refused) return sendError(reply, refused);
      const from = request.query.from ?? localDateOf(ctx.clock.now());
      const last = addDays(from, (request.query.days ?? 31) - 1);
      // Only at the very end of year 9999 does a range run out of four-digit years.
      if (!isLocalDate(last)) return sendError(reply, { status: 400, code: 'invalid-date', message: 'The range runs past 9999-12-31', details: { field: 'days' } });
      const dates = datesBetween(from, last);
      return { timeZone: 'Asia/Shanghai' as const, days: dates.map((date) => ({ date, kind: ctx.calendar.dayKind(date) })) };
    },
  );
};
