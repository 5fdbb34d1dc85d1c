import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { PIN_PATTERN } from '../../core/admin-pin.ts';
import type { HallContext } from '../context.ts';
import { requireTerminal } from '../http/auth.ts';
import { ADMIN_PIN_LIMITS, limitedResponses, requestLimiter, sendRefusal } from '../http/request-limits.ts';
import { Strict } from '../http/schemas.ts';
import { checkAdminPin } from '../services/admin-pin.ts';

/** POST /kiosk/admin-pin: the terminal's hidden admin entry, checked by the hall (services/admin-pin.ts). */
export const adminPinRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/kiosk/admin-pin',
    {
      preHandler: [requireTerminal(ctx), requestLimiter(app, ADMIN_PIN_LIMITS)],
      schema: {
        summary: 'Check the admin PIN typed at this terminal',
        description:
          '200 when right. 403 pin-wrong with details.attemptsLeft; after 5 wrong PINs within 5 minutes the terminal is locked: 423 pin-locked with Retry-After, ' +
          'even for the right PIN. Also limited in rate per terminal and address (429 too-many-pin-attempts). Every check is in the audit trail.',
        tags: ['kiosk'],
        security: [{ deviceToken: [] }],
        body: Type.Object({ pin: Type.String({ pattern: PIN_PATTERN.source }) }, Strict),
        response: { 200: Type.Object({ ok: Type.Literal(true) }, Strict), ...limitedResponses, 423: limitedResponses[429] },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const checked = await checkAdminPin(ctx, request.terminal!, request.body.pin, request.ip);
      return checked.ok ? { ok: true as const } : sendRefusal(reply, checked.error);
    },
  );
};
