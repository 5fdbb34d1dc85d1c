import Type from 'typebox';
import { isLocalDate } from '../../core/calendar/local-date.ts';
import type { ServiceError } from '../services/result.ts';

/** Shared wire shapes of the hall API; every route declares its body and responses with them. */
export const Strict = { additionalProperties: false } as const;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
};

export const ClientId = Type.String({ format: 'uuid', description: 'A UUID made by the terminal; repeats answer with the first result' });
export const LocalDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar day in China, YYYY-MM-DD' });

/**
 * The schema's pattern lets "2026-02-30" through; a route taking a day from a client checks
 * that it exists with this, and refuses it with a 400 that names the field.
 */
export function invalidDateError(field: string, value: string | undefined): ServiceError | null {
  if (value === undefined || isLocalDate(value)) return null;
  return { status: 400, code: 'invalid-date', message: `${field} must be a real calendar day (YYYY-MM-DD); "${value}" does not exist`, details: { field } };
}

export const Localized = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), en: Type.String() }, Strict);

export const SessionSchema = Type.Object({ id: Type.String(), start: Type.String(), end: Type.String() }, Strict);

/** A ticket as the window staff see it in their queue. */
export const QueuedTicketSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    category: Type.String(),
    serviceDate: LocalDateSchema,
    session: SessionSchema,
    peopleAhead: Type.Integer(),
    priority: Type.Union([Type.Literal('elder'), Type.Literal('appointment'), Type.Null()]),
    status: Type.Union([Type.Literal('waiting'), Type.Literal('called'), Type.Literal('done'), Type.Literal('no-show')]),
    windowNumber: Type.Union([Type.Integer(), Type.Null()]),
    calledAt: Type.Union([Type.String(), Type.Null()]),
    trackToken: Type.String(),
    issuedAt: Type.String(),
    offline: Type.Boolean(),
  },
  Strict,
);

/** A ticket as the citizen holds it: with the hall that issued it and the address its QR code opens. */
export const TicketSchema = Type.Object(
  {
    ...QueuedTicketSchema.properties,
    hallName: Localized,
    trackUrl: Type.String({ description: 'The track page of the ticket, on the origin the terminal called' }),
  },
  Strict,
);

export const CategoryHoursSchema = Type.Object(
  {
    workday: Type.Array(SessionSchema),
    saturday: Type.Optional(Type.Array(SessionSchema)),
  },
  Strict,
);
