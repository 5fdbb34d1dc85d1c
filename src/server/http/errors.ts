import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { databaseFault, type DatabaseFault } from '../db/faults.ts';
import type { ServiceError } from '../services/result.ts';

export function sendError(reply: FastifyReply, error: ServiceError): FastifyReply {
  return reply.code(error.status).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
}

/** Long enough for PostgreSQL to restart or fail over; terminals keep the write in their outbox meanwhile. */
const DATABASE_RETRY_AFTER_S = 5;

const DATABASE_FAULT_MESSAGES: Record<DatabaseFault, string> = {
  unavailable: 'The hall database is unreachable; try again shortly',
  'read-only': 'The hall database takes no changes at the moment; try again later',
  'disk-full': 'The hall database has no space left; try again later',
};

/**
 * Every refusal is JSON with a stable code: a malformed, oversized or unknown-field request gets
 * a 4xx that says what is wrong, and changes nothing. A database that cannot serve gives a 503
 * (terminals retry it later), not a 500. Internal faults never leak details.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: { code: 'invalid-request', message: `${error.validationContext ?? 'request'} ${error.message}` } });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'body-too-large', message: 'The request body is too large' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: { code: 'bad-request', message: error.message } });
    }
    const fault = databaseFault(error);
    if (fault) {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database fault');
      return reply.code(503).header('Retry-After', String(DATABASE_RETRY_AFTER_S)).send({ error: { code: `database-${fault}`, message: DATABASE_FAULT_MESSAGES[fault] } });
    }
    request.log.error({ err: { message: error.message, code: error.code } }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'The hall server could not complete the request' } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'not-found', message: `No such resource: ${request.method} ${request.url.split('?')[0]}` } });
  });
}
