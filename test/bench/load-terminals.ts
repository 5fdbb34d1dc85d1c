import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import type { LoadOrder } from './load-client.ts';

interface Pending {
  token: string;
  category: string;
}

type Context = { clientId?: string };

export const is2xx = (status: number) => status >= 200 && status < 300;

/** The terminals as autocannon's hooks see them: who sends what, what is still unanswered. */
export class Terminals {
  readonly clients: autocannon.Client[] = [];
  private nextToken = 0;
  private nextCategory = 0;
  /** Sent, not answered yet: what the stop cuts off. */
  readonly pending = new Map<string, Pending>();
  readonly answered = new Set<string>();
  firstFailure: string | null = null;

  constructor(private readonly order: LoadOrder) {}

  /** Per connection: its own device token, as each real terminal has. */
  setupClient = (client: autocannon.Client): void => {
    const token = this.order.tokens[this.nextToken++ % this.order.tokens.length]!;
    this.clients.push(client);
    client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  };

  /** Per request: a fresh clientId, as a citizen's tap on "take a ticket" makes. */
  setupRequest = (request: autocannon.Request, context: object): autocannon.Request => {
    const clientId = randomUUID();
    const category = this.order.categories[this.nextCategory++ % this.order.categories.length]!;
    const authorization = request.headers?.authorization;
    // autocannon builds each connection's first request once before setupClient has set the
    // token; that one is never sent, so it is not tracked.
    if (authorization) {
      (context as Context).clientId = clientId;
      this.pending.set(clientId, { token: authorization.slice('Bearer '.length), category });
    }
    return { ...request, body: JSON.stringify({ clientId, category }) };
  };

  onResponse = (status: number, body: string, context: object): void => {
    const clientId = (context as Context).clientId;
    if (clientId) this.pending.delete(clientId);
    if (is2xx(status)) {
      if (clientId) this.answered.add(clientId);
    } else {
      // One line without pipes: it goes into a cell of the Markdown table.
      this.firstFailure ??= `${status} ${body.slice(0, 300)}`.replace(/[\r\n|]+/g, ' ');
    }
  };

  /**
   * Lifts the connecting rate. autocannon has no API for it: its client sends while
   * `reqsMadeThisSecond < rate` and resumes a paused connection on its next one-second tick.
   * A huge rate rather than 0: destroy() only clears that tick while the rate is set.
   */
  fullLoad(): void {
    for (const client of this.clients) {
      const limited = client as unknown as { rate?: unknown };
      // Should a new autocannon keep its rate elsewhere, the "full load" would silently stay at the connecting rate.
      if (typeof limited.rate !== 'number') throw new Error('autocannon: no per-connection rate to lift (its internals changed)');
      limited.rate = Number.MAX_SAFE_INTEGER;
    }
  }

  /**
   * Sends the cut-off requests again with the same clientId, as a terminal's outbox would:
   * afterwards every clientId has its answer, so the tickets stored must equal the 2xx answers.
   */
  async settle(): Promise<string[]> {
    const failures: string[] = [];
    for (const [clientId, { token, category }] of this.pending) {
      const response = await fetch(this.order.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, category }),
      });
      const text = await response.text();
      if (is2xx(response.status)) this.answered.add(clientId);
      else failures.push(`${response.status} ${text.slice(0, 300)}`);
    }
    return failures;
  }
}
