import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { HallContext } from '../context.ts';
import { Strict } from '../http/schemas.ts';
import { displayState, type DisplayState } from '../services/calls.ts';

const DisplayStateSchema = Type.Object(
  {
    calls: Type.Array(Type.Object({ number: Type.String(), windowNumber: Type.Integer(), calledAt: Type.String() }, Strict)),
    waiting: Type.Array(Type.Object({ category: Type.String(), name: Type.String(), waiting: Type.Integer() }, Strict)),
  },
  Strict,
);

/**
 * The display state is read from the database, not from this process's memory: calls made by
 * another hall-server process of the fleet reach every display too.
 */
const POLL_MS = 1000;
/** Comment lines keep proxies and the browser from closing an idle stream. */
const KEEPALIVE_MS = 20_000;

export const displayRoutes = (ctx: HallContext): FastifyPluginAsync => async (plugin) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const listeners = new Set<(state: string) => void>();
  let last = '';
  let timer: ReturnType<typeof setInterval> | undefined;

  const poll = async () => {
    try {
      const state = JSON.stringify(await displayState(ctx));
      if (state === last) return;
      last = state;
      for (const listener of listeners) listener(state);
    } catch {
      // The next poll tries again; the display keeps its last state meanwhile.
    }
  };
  plugin.addHook('onClose', async () => clearInterval(timer));

  app.get(
    '/display/state',
    { schema: { summary: 'Latest calls and waiting counts for the hall display', tags: ['display'], response: { 200: DisplayStateSchema } } },
    async (): Promise<DisplayState> => displayState(ctx),
  );

  app.get(
    '/display/events',
    {
      schema: {
        summary: 'Server-sent events: a `state` event with the display state whenever it changes',
        tags: ['display'],
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    async (request, reply) => {
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      const send = (state: string) => stream.write(`event: state\ndata: ${state}\n\n`);
      send(JSON.stringify(await displayState(ctx)));
      listeners.add(send);
      timer ??= setInterval(() => void poll(), POLL_MS);
      const keepalive = setInterval(() => stream.write(': keepalive\n\n'), KEEPALIVE_MS);
      request.raw.on('close', () => {
        clearInterval(keepalive);
        listeners.delete(send);
        if (listeners.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      });
    },
  );
};
