import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { DEVICE_STATES } from '../../core/devices.ts';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { enrollTerminal, recordHeartbeat } from '../services/terminals.ts';

const DeviceState = Type.Union(DEVICE_STATES.map((state) => Type.Literal(state)));

export const terminalRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/terminals/enroll',
    {
      schema: {
        summary: 'Exchange a one-time enrollment code for the device token of a terminal',
        tags: ['terminals'],
        body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 32 }) }, Strict),
        response: { 200: Type.Object({ token: Type.String(), terminalId: Type.String(), name: Type.String() }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await enrollTerminal(ctx, request.body.code);
      return result.ok ? result.value : sendError(reply, result.error);
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
      return { ok: true as const, serverTime: new Date(ctx.clock.now()).toISOString() };
    },
  );
};
