import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { requireStaff, requireTerminal } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { errorResponses, Strict } from '../http/schemas.ts';
import { demoHolders, mintDemoCodeFor } from '../demo/identity-codes.ts';
import { trustedProviders } from '../services/identity-providers.ts';

const PublicJwkSchema = Type.Object(
  { kty: Type.Literal('EC'), crv: Type.Literal('P-256'), x: Type.String(), y: Type.String(), kid: Type.String(), alg: Type.Literal('ES256'), use: Type.Literal('sig') },
  Strict,
);

export const identityRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/identity/providers',
    {
      preHandler: requireTerminal(ctx),
      schema: {
        summary: 'The trusted identity-code providers and their public keys, which terminals cache to verify codes offline',
        tags: ['identity'],
        security: [{ deviceToken: [] }],
        response: { 200: Type.Object({ providers: Type.Array(Type.Object({ issuer: Type.String(), keys: Type.Array(PublicJwkSchema) }, Strict)) }, Strict), ...errorResponses },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { providers: await trustedProviders(ctx.db) };
    },
  );

  app.get(
    '/admin/demo-codes/holders',
    {
      preHandler: requireStaff(ctx, 'admin'),
      schema: {
        summary: 'The fictional holders a demo identity code can be made for (development and demos)',
        tags: ['identity'],
        security: [{ staffSession: [] }],
        response: { 200: Type.Object({ holders: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), kind: Type.String() }, Strict)) }, Strict), ...errorResponses },
      },
    },
    async () => ({ holders: demoHolders() }),
  );

  app.post(
    '/admin/demo-codes',
    {
      preHandler: requireStaff(ctx, 'admin'),
      schema: {
        summary: 'Mint an identity code of the demo provider for a fictional holder, to show as a QR code and scan at a terminal',
        tags: ['identity'],
        security: [{ staffSession: [] }],
        body: Type.Object({ holder: Type.String({ minLength: 1, maxLength: 32 }) }, Strict),
        response: { 200: Type.Object({ code: Type.String(), expiresAt: Type.String() }, Strict), ...errorResponses },
      },
    },
    async (request, reply) => {
      const minted = await mintDemoCodeFor(ctx, request.body.holder);
      return minted.ok ? minted.value : sendError(reply, minted.error);
    },
  );
};
