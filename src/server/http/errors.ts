import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceError } from '../services/result.ts';

export function sendError(reply: FastifyReply, error: ServiceError): FastifyReply {
  return reply.code(error.status).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
}

/**
 * Every refusal is JSON with a stable code: a malformed, oversized or unknown-field request gets
 * a 4xx that says what is wrong, and changes nothing. Internal faults never leak details.
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
    request.log.error({ err: { message: error.message, code: error.code } }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'The hall server could not complete the request' } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'not-found', message: `No such resource: ${request.method} ${request.url.split('?')[0]}` } });
  });
}
