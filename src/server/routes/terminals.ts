import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { MAX_ASSERTION_BYTES } from '../../core/device-assertion.ts';
import { DEVICE_STATES } from '../../core/devices.ts';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { ENROLLMENT_LIMITS, limitedResponses, requestLimiter } from '../http/request-limits.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { enrollTerminal, recordHeartbeat, renewSession } from '../services/terminals.ts';

const DeviceState = Type.Union(DEVICE_STATES.map((state) => Type.Literal(state)));
/** The hall's time: kiosk-shell dates its assertions by it, whatever the terminal PC's clock says. */
const ServerTime = Type.String({ description: 'The hall server’s time (ISO 8601)' });
/** The public half of kiosk-shell's device key; the server checks it is a point of P-256. */
const PublicDeviceKey = Type.Object(
  { kty: Type.Literal('EC'), crv: Type.Literal('P-256'), x: Type.String({ maxLength: 64 }), y: Type.String({ maxLength: 64 }), alg: Type.Optional(Type.Literal('ES256')), use: Type.Optional(Type.Literal('sig')), kid: Type.Optional(Type.String({ maxLength: 128 })) },
  Strict,
);

export const terminalRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const serverTime = () => new Date(ctx.clock.now()).toISOString();

  app.post(
    '/terminals/enroll',
    {
      preHandler: requestLimiter(app, ENROLLMENT_LIMITS),
      schema: {
        summary: 'Exchange a one-time enrollment code for the terminal’s credentials',
        description:
          'kiosk-shell enrolls with the public half of the device key it made (deviceKey, a P-256 JWK): the terminal then has no long-lived token, ' +
          'only a session token (expiresAt) that POST /terminals/session renews with an assertion of that key, and only its card assertions identify a card holder. ' +
          'A plain browser enrolls without deviceKey and gets a device token: tickets and identity codes, never a card identity. Enrolling again replaces every earlier credential.',
        tags: ['terminals'],
        body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 32 }), deviceKey: Type.Optional(PublicDeviceKey) }, Strict),
        response: {
          200: Type.Object(
            { token: Type.String(), terminalId: Type.String(), name: Type.String(), keyBound: Type.Boolean(), expiresAt: Type.Optional(Type.String()), serverTime: ServerTime },
            Strict,
          ),
          ...limitedResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await enrollTerminal(ctx, request.body.code, request.body.deviceKey);
      return result.ok ? { ...result.value, serverTime: serverTime() } : sendError(reply, result.error);
    },
  );

  app.post(
    '/terminals/session',
    {
      preHandler: requestLimiter(app, ENROLLMENT_LIMITS),
      schema: {
        summary: 'A new session token for a key-bound terminal, against a fresh assertion signed by its device key',
        description: 'The assertion is a compact JWS (ES256, typ kiosk24-session+jwt, kid the key’s JWK thumbprint) over {tid, iat, ctr}: at most two minutes old, each counter once. 401 session-assertion-refused with details.reason otherwise.',
        tags: ['terminals'],
        body: Type.Object({ assertion: Type.String({ minLength: 1, maxLength: MAX_ASSERTION_BYTES }) }, Strict),
        response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), terminalId: Type.String(), name: Type.String(), serverTime: ServerTime }, Strict), ...limitedResponses },
      },
    },
    async (request, reply) => {
      const result = await renewSession(ctx, request.body.assertion);
      return result.ok ? { ...result.value, serverTime: serverTime() } : sendError(reply, result.error);
    },
  );

  app.post(
    '/terminals/heartbeat',
    {
      preHandler: requireTerminal(ctx),
      schema: {
        summary: 'Report the state of a terminal: version, devices, paper, outbox depth, last error',
        tags: ['terminals'],
        security: [{ deviceToken: [] }],
        body: Type.Object(
          {
            appVersion: Type.String({ maxLength: 64 }),
            devices: Type.Object(
              {
                reader: Type.Optional(DeviceState),
                scanner: Type.Optional(DeviceState),
                printer: Type.Optional(DeviceState),
                docPrinter: Type.Optional(DeviceState),
              },
              Strict,
            ),
            paper: Type.Union([Type.Literal('ok'), Type.Literal('near-end'), Type.Literal('out'), Type.Literal('unknown')]),
            outboxDepth: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            lastErrorCode: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
          },
          Strict,
        ),
        response: { 200: Type.Object({ ok: Type.Literal(true), serverTime: Type.String() }, Strict), ...errorResponses },
      },
    },
    async (request) => {
      await recordHeartbeat(ctx, request.terminal!.id, request.body);
      return { ok: true as const, serverTime: serverTime() };
    },
  );
};
