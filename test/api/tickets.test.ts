import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

/** Delays every query's result, so that concurrent requests interleave on SQLite as they do on PostgreSQL. */
const answersLate: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return args.result;
  },
};

interface TicketBody {
  ticket: { number: string; serviceDate: string; session: { id: string; start: string }; peopleAhead: number; priority: string | null; trackToken: string };
  repeated: boolean;
  appointmentNotice: { code: string } | null;
}

describe.each(DATABASES)('tickets on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open(env: Record<string, string> = {}) {
    hall = await openTestHall(kind, env);
    const token = await hall.enrollTerminal();
    const take = (body: Record<string, unknown>) =>
      hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${token}` }, payload: { clientId: randomUUID(), ...body } });
    return { token, take };
  }

  it('issues numbered tickets for the running session and counts the people ahead', async () => {
    const { take } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const first = (await take({ category: 'household' })).json() as TicketBody;
    const second = (await take({ category: 'household' })).json() as TicketBody;
    expect(first.ticket).toMatchObject({ number: 'A001', serviceDate: '2026-11-24', session: { id: 'morning', start: '09:00' }, peopleAhead: 0 });
    expect(second.ticket).toMatchObject({ number: 'A002', peopleAhead: 1 });
    expect(first.ticket.trackToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const tracked = await hall.app.inject(`/api/v1/tickets/track/${second.ticket.trackToken}`);
    expect(tracked.json()).toMatchObject({ number: 'A002', peopleAhead: 1 });
  });

  it('names the hall and the track page on the origin the terminal called', async () => {
    const { token } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const response = await hall.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${token}`, host: 'hall.example.test:8080' },
      payload: { clientId: randomUUID(), category: 'household' },
    });
    const { ticket } = response.json() as { ticket: TicketBody['ticket'] & { hallName: Record<string, string>; trackUrl: string } };
    expect(ticket.hallName).toEqual({ 'zh-CN': '示例市政务服务中心', 'zh-TW': expect.any(String), en: expect.any(String) });
    expect(ticket.trackUrl).toBe(`http://hall.example.test:8080/track/${ticket.trackToken}`);
    const tracked = await hall.app.inject({ url: `/api/v1/tickets/track/${ticket.trackToken}`, headers: { host: '192.168.10.5:8080' } });
    expect(tracked.json()).toMatchObject({ trackUrl: `http://192.168.10.5:8080/track/${ticket.trackToken}`, hallName: ticket.hallName });
  });

  it('refuses a service day that does not exist', async () => {
    const { take } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const response = await take({ category: 'household', serviceDate: '2026-02-30' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid-date', details: { field: 'serviceDate' } });
    expect(await hall.ctx.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });

  it('answers a repeated clientId with the first ticket, never a second number', async () => {
    const { take } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const clientId = randomUUID();
    const first = (await take({ clientId, category: 'tax' })).json() as TicketBody;
    const repeats = await Promise.all(Array.from({ length: 5 }, () => take({ clientId, category: 'tax' })));
    for (const repeat of repeats) expect((repeat.json() as TicketBody).ticket.number).toBe(first.ticket.number);
    expect((repeats[0]!.json() as TicketBody).repeated).toBe(true);
    expect((await take({ category: 'tax' })).json().ticket.number).toBe('F002');
  });

  it('answers repeats racing the ticket that fills the quota with that ticket, never quota-full', async () => {
    // Each copy is new to the rate limit until the first is stored: the limit is not what this is about.
    const { take } = await open({ KIOSK_TICKET_BURST: '100' });
    hall.setNow('2026-11-24T10:00:00+08:00');
    await hall.ctx.db.updateTable('categories').set({ daily_quota: 2 }).where('code', '=', 'exit-entry').execute();
    expect((await take({ category: 'exit-entry' })).statusCode).toBe(200);
    // The last ticket of the day, asked for by several copies of one tap at once (a terminal
    // retrying after a timeout): the first is issued, every copy is answered with it.
    // Every query answers a few milliseconds late, as across a network or from a second process
    // on the same file: the copies all read "no ticket yet" while the first is being issued.
    hall.ctx.db = hall.ctx.db.withPlugin(answersLate);
    const clientId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => take({ clientId, category: 'exit-entry' })));
    const bodies = answers.map((answer) => ({ status: answer.statusCode, number: (answer.json() as TicketBody).ticket?.number }));
    expect(bodies).toEqual(Array.from({ length: 6 }, () => ({ status: 200, number: 'B002' })));
    expect((await take({ category: 'exit-entry' })).json().error.code).toBe('quota-full');
  });

  it('gives a ticket for the next open session after hours on a holiday', async () => {
    const { take } = await open();
    hall.setNow('2026-10-01T20:30:00+08:00');
    expect((await take({ category: 'exit-entry' })).json().ticket).toMatchObject({ serviceDate: '2026-10-08', session: { id: 'morning' } });
    hall.setNow('2026-10-09T18:00:00+08:00');
    expect((await take({ category: 'exit-entry' })).json().ticket).toMatchObject({ serviceDate: '2026-10-10', session: { start: '09:00' } });
    hall.setNow('2026-11-27T21:00:00+08:00');
    expect((await take({ category: 'household' })).json().ticket).toMatchObject({ serviceDate: '2026-11-28', session: { id: 'saturday' } });
    expect((await take({ category: 'tax' })).json().ticket).toMatchObject({ serviceDate: '2026-11-30' });
  });

  it('says when the daily quota is full and which session still has room', async () => {
    const { take } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    await hall.ctx.db.updateTable('categories').set({ daily_quota: 3 }).where('code', '=', 'exit-entry').execute();
    for (let i = 0; i < 3; i++) expect((await take({ category: 'exit-entry' })).statusCode).toBe(200);
    const full = await take({ category: 'exit-entry' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'quota-full', details: { nextSession: { date: '2026-11-25', start: '09:00' } } });
    const next = await take({ category: 'exit-entry', serviceDate: '2026-11-25' });
    expect(next.json().ticket).toMatchObject({ number: 'B001', serviceDate: '2026-11-25' });
  });

  it('puts citizens of 70 and over in the priority lane without asking', async () => {
    const { take } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const normal = (await take({ category: 'household', idNumber: DEMO_PEOPLE.citizen.idNumber })).json() as TicketBody;
    const elder = (await take({ category: 'household', idNumber: DEMO_PEOPLE.elder.idNumber })).json() as TicketBody;
    expect(normal.ticket.priority).toBeNull();
    expect(elder.ticket).toMatchObject({ priority: 'elder', peopleAhead: 0 });
    const bad = await take({ category: 'household', idNumber: `${DEMO_PEOPLE.elder.idNumber.slice(0, 17)}0` === DEMO_PEOPLE.elder.idNumber ? `${DEMO_PEOPLE.elder.idNumber.slice(0, 17)}1` : `${DEMO_PEOPLE.elder.idNumber.slice(0, 17)}0` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('id-number-invalid');
  });

  it('turns an appointment into a priority ticket inside its window only', async () => {
    const { take } = await open({ KIOSK_NOW: '2026-11-24T10:00:00+08:00' });
    hall.setNow('2026-11-24T10:00:00+08:00');
    const booked = (await take({ category: 'household', idNumber: DEMO_PEOPLE.booked.idNumber })).json() as TicketBody;
    expect(booked.ticket.priority).toBe('appointment');
    const early = (await take({ category: 'household', idNumber: DEMO_PEOPLE.early.idNumber })).json() as TicketBody;
    expect(early.ticket.priority).toBeNull();
    expect(early.appointmentNotice?.code).toBe('appointment-too-early');
    const late = (await take({ category: 'household', idNumber: DEMO_PEOPLE.late.idNumber })).json() as TicketBody;
    expect(late.appointmentNotice?.code).toBe('appointment-expired');
    const byCode = await take({ category: 'household', appointmentCode: 'YY0002' });
    expect(byCode.statusCode).toBe(409);
    expect(byCode.json().error.code).toBe('appointment-too-early');
    // Two hours after the 10:00 of the seed, in the hall's own time: never UTC, which reads 04:00.
    expect(byCode.json().error.details.startsAt).toMatch(/^2026-11-24T12:00:\d{2}\+08:00$/);
    const expired = await take({ category: 'household', appointmentCode: 'YY0003' });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error).toMatchObject({ code: 'appointment-expired', details: { startsAt: expect.stringMatching(/^2026-11-24T07:00/), endsAt: expect.stringMatching(/^2026-11-24T07:30/) } });
    expect((await take({ category: 'household', appointmentCode: 'NOPE99' })).json().error.code).toBe('appointment-unknown');
  });

  it('hands out no number twice to 200 terminals taking 20 tickets each at once', async () => {
    // One token stands for the 200 terminals here: its limit is lifted, as the bench does.
    const { take } = await open({ KIOSK_TICKET_BURST: '10000' });
    hall.setNow('2026-11-24T10:00:00+08:00');
    await hall.ctx.db.updateTable('categories').set({ daily_quota: 100_000 }).where('code', '=', 'general').execute();
    const numbers = (
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          const mine: string[] = [];
          for (let i = 0; i < 20; i++) mine.push(((await take({ category: 'general' })).json() as TicketBody).ticket.number);
          return mine;
        }),
      )
    ).flat();
    expect(numbers).toHaveLength(4000);
    expect(new Set(numbers).size).toBe(4000);
    expect(numbers.map((n) => Number(n.slice(1))).sort((a, b) => a - b).at(-1)).toBe(4000);
  }, 180_000);

  it('stops one device token taking tickets in a tight loop after its burst, and the quota stays', async () => {
    const { take } = await open();
    const other = await hall.enrollTerminal();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await take({ category: 'household' }));
    expect(answers.slice(0, 6).map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = answers.slice(6);
    expect(refused.every((answer) => answer.statusCode === 429)).toBe(true);
    expect(refused[0]!.json().error).toMatchObject({ code: 'too-many-tickets', details: { retryAfterSeconds: 5 } });
    expect(refused[0]!.headers['retry-after']).toBe('5');
    const counter = await hall.ctx.db.selectFrom('ticket_counters').select('issued').where('category_code', '=', 'household').executeTakeFirstOrThrow();
    expect(Number(counter.issued)).toBe(6);
    // A repeat of an issued tap is answered all the same; another terminal is not held up.
    const first = answers[0]!.json() as TicketBody;
    const clientId = (await hall.ctx.db.selectFrom('tickets').select('client_id').where('number', '=', first.ticket.number).executeTakeFirstOrThrow()).client_id;
    expect((await take({ clientId, category: 'household' })).json()).toMatchObject({ repeated: true, ticket: { number: first.ticket.number } });
    const elsewhere = await hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${other}` }, payload: { clientId: randomUUID(), category: 'household' } });
    expect(elsewhere.statusCode).toBe(200);
    // One more every 5 s, as a citizen at the screen needs anyway.
    hall.setNow('2026-11-24T10:00:05+08:00');
    expect((await take({ category: 'household' })).statusCode).toBe(200);
    expect((await take({ category: 'household' })).statusCode).toBe(429);
  });

  it('limits number leases per terminal by the numbers leased', async () => {
    const { token } = await open();
    hall.setNow('2026-11-24T10:00:00+08:00');
    const lease = (size: number) => hall.app.inject({ method: 'POST', url: '/api/v1/tickets/leases', headers: { authorization: `Bearer ${token}` }, payload: { category: 'tax', size } });
    expect((await lease(100)).statusCode).toBe(200);
    expect((await lease(100)).statusCode).toBe(200);
    const refused = await lease(10);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too-many-leases');
  });

  it('refuses calls without a valid, unrevoked device token, and single-use enrollment codes', async () => {
    const { token } = await open();
    const call = (authorization?: string) =>
      hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: authorization ? { authorization } : {}, payload: { clientId: randomUUID(), category: 'tax' } });
    expect((await call()).statusCode).toBe(401);
    expect((await call('Bearer not-a-real-token-at-all-000000')).statusCode).toBe(401);
    expect((await call(`Bearer ${token}`)).statusCode).toBe(200);
    const terminal = await hall.ctx.db.selectFrom('terminals').select('id').where('name', '=', 'terminal-1').executeTakeFirstOrThrow();
    const { createEnrollment, revokeTerminal } = await import('../../src/server/services/terminals.ts');
    await revokeTerminal(hall.ctx, terminal.id);
    const revoked = await call(`Bearer ${token}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('unauthorized');
    const { code } = await createEnrollment(hall.ctx, 'terminal-2');
    const enroll = () => hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code: code.toLowerCase().replace('-', ' ') } });
    expect((await enroll()).statusCode).toBe(200);
    expect((await enroll()).json().error.code).toBe('enrollment-code-invalid');
  });
});
