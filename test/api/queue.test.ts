import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { DEMO_STAFF } from '../../src/server/demo/seed.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

interface Lease {
  id: string;
  prefix: string;
  serviceDate: string;
  firstSeq: number;
  lastSeq: number;
  expiresAt: string;
}

describe.each(DATABASES)('queue on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function terminal() {
    const token = await hall.enrollTerminal();
    const post = (url: string, payload: unknown) => hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
    return { token, post, take: (body: Record<string, unknown>) => post('/tickets', { clientId: randomUUID(), ...body }) };
  }

  async function staffSession(username = DEMO_STAFF[1]!.username, password = DEMO_STAFF[1]!.password) {
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username, password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      hall.app.inject({ method, url: `/api/v1${url}`, headers: { cookie, origin: 'http://localhost' }, ...(payload ? { payload } : {}) });
    return { login, call };
  }

  it('leases disjoint blocks of numbers to terminals, in their own range apart from the online numbers', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const a = await terminal();
    const b = await terminal();
    const online = (await a.take({ category: 'household' })).json().ticket.number;
    const leaseA = (await a.post('/tickets/leases', { category: 'household', size: 10 })).json() as Lease;
    const leaseB = (await b.post('/tickets/leases', { category: 'household', size: 10 })).json() as Lease;
    const later = (await b.take({ category: 'household' })).json().ticket.number;
    expect(online).toBe('A001');
    expect([leaseA.firstSeq, leaseA.lastSeq, leaseB.firstSeq, leaseB.lastSeq]).toEqual([5001, 5010, 5011, 5020]);
    // Leases do not make the numbers citizens see jump.
    expect(later).toBe('A002');
    expect(leaseA).toMatchObject({ prefix: 'A', serviceDate: '2026-11-24', expiresAt: '2026-11-24T04:00:00.000Z' });
  });

  it('records tickets issued offline from a lease exactly once and refuses numbers it does not hold', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const a = await terminal();
    const b = await terminal();
    const lease = (await a.post('/tickets/leases', { category: 'tax', size: 5 })).json() as Lease;
    const report = { clientId: randomUUID(), leaseId: lease.id, seq: lease.firstSeq, issuedAt: '2026-11-24T02:05:00.000Z', priority: null };
    const first = await a.post('/tickets/offline', report);
    expect(first.json()).toMatchObject({ repeated: false, ticket: { number: 'F5001', offline: true, serviceDate: '2026-11-24' } });
    expect((await a.post('/tickets/offline', report)).json()).toMatchObject({ repeated: true, ticket: { number: 'F5001' } });
    const again = await a.post('/tickets/offline', { ...report, clientId: randomUUID() });
    expect(again.json().error.code).toBe('seq-already-used');
    expect((await a.post('/tickets/offline', { ...report, clientId: randomUUID(), seq: lease.lastSeq + 1 })).json().error.code).toBe('seq-outside-lease');
    expect((await b.post('/tickets/offline', { ...report, clientId: randomUUID(), seq: lease.firstSeq + 1 })).json().error.code).toBe('unknown-lease');
    expect((await a.post('/tickets/offline', { ...report, clientId: randomUUID(), seq: 5002, issuedAt: '2026-11-24T09:00:00.000Z' })).json().error.code).toBe('lease-expired');
    const staff = await staffSession();
    await staff.call('POST', '/staff/window', { windowNumber: 14 });
    const queue = (await staff.call('GET', '/staff/queue')).json() as { waiting: { number: string }[] };
    expect(queue.waiting.map((t) => t.number)).toEqual(['F5001']);
  });

  /** The day's waiting counters agree with the tickets themselves. */
  async function expectCountersInStep() {
    const counted = await hall.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'waiting').executeTakeFirstOrThrow();
    const counters = await hall.ctx.db.selectFrom('ticket_counters').select((eb) => eb.fn.sum('waiting').as('n')).executeTakeFirstOrThrow();
    expect(Number(counters.n)).toBe(Number(counted.n));
  }

  it('queues the leased number the citizen holds when the online attempt of the same tap was committed after all', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    const lease = (await kiosk.post('/tickets/leases', { category: 'tax', size: 5 })).json() as Lease;
    // The terminal gave up waiting after 6 s, but the server had stored F001 under the tap's clientId.
    const clientId = randomUUID();
    expect((await kiosk.take({ clientId, category: 'tax' })).json().ticket.number).toBe('F001');
    // So the citizen was given F5001 from the lease, reported under the same clientId on reconnect.
    const report = { clientId, leaseId: lease.id, seq: lease.firstSeq, issuedAt: '2026-11-24T02:00:06.000Z', priority: null };
    const reported = await kiosk.post('/tickets/offline', report);
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ repeated: false, ticket: { number: 'F5001', offline: true, status: 'waiting' } });
    expect((await kiosk.post('/tickets/offline', report)).json()).toMatchObject({ repeated: true, ticket: { number: 'F5001' } });
    // A late retry of the online attempt answers with the same ticket, never a second one.
    expect((await kiosk.take({ clientId, category: 'tax' })).json()).toMatchObject({ repeated: true, ticket: { number: 'F5001' } });

    const staff = await staffSession();
    await staff.call('POST', '/staff/window', { windowNumber: 14 });
    const waiting = async () => ((await staff.call('GET', '/staff/queue')).json() as { waiting: { number: string }[] }).waiting.map((t) => t.number);
    expect(await waiting()).toEqual(['F5001']);
    hall.setNow('2026-11-24T10:01:00+08:00');
    const queue = (await kiosk.post('/tickets', { clientId: randomUUID(), category: 'tax' })).json();
    // Numbers are never handed out twice: the next online ticket is F002, behind the citizen.
    expect(queue.ticket).toMatchObject({ number: 'F002', peopleAhead: 1 });
    expect(await waiting()).toEqual(['F5001', 'F002']);
    await expectCountersInStep();
  });

  it('keeps the leased number when the online attempt reaches the server only after the report', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    const lease = (await kiosk.post('/tickets/leases', { category: 'tax', size: 5 })).json() as Lease;
    const clientId = randomUUID();
    const report = { clientId, leaseId: lease.id, seq: lease.firstSeq + 1, issuedAt: '2026-11-24T02:00:06.000Z', priority: null };
    expect((await kiosk.post('/tickets/offline', report)).json()).toMatchObject({ repeated: false, ticket: { number: 'F5002' } });
    expect((await kiosk.take({ clientId, category: 'tax' })).json()).toMatchObject({ repeated: true, ticket: { number: 'F5002' } });
    const staff = await staffSession();
    await staff.call('POST', '/staff/window', { windowNumber: 14 });
    expect(((await staff.call('GET', '/staff/queue')).json() as { waiting: { number: string }[] }).waiting.map((t) => t.number)).toEqual(['F5002']);
    await expectCountersInStep();
  });

  it('puts the citizen back in the queue when the online number nobody held was called and missed meanwhile', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    const lease = (await kiosk.post('/tickets/leases', { category: 'tax', size: 5 })).json() as Lease;
    const clientId = randomUUID();
    await kiosk.take({ clientId, category: 'tax' });
    const staff = await staffSession();
    await staff.call('POST', '/staff/window', { windowNumber: 14 });
    const called = (await staff.call('POST', '/staff/call-next')).json().ticket;
    expect(called.number).toBe('F001');
    await staff.call('POST', `/staff/tickets/${called.id}/no-show`);
    const report = { clientId, leaseId: lease.id, seq: lease.firstSeq, issuedAt: '2026-11-24T02:00:06.000Z', priority: null };
    expect((await kiosk.post('/tickets/offline', report)).json()).toMatchObject({ ticket: { number: 'F5001', status: 'waiting' } });
    expect((await staff.call('POST', '/staff/call-next')).json().ticket).toMatchObject({ number: 'F5001', windowNumber: 14 });
    await expectCountersInStep();
  });

  it('refuses a clientId that already belongs to another offline number', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    const lease = (await kiosk.post('/tickets/leases', { category: 'tax', size: 5 })).json() as Lease;
    const report = { clientId: randomUUID(), leaseId: lease.id, seq: lease.firstSeq, issuedAt: '2026-11-24T02:00:06.000Z', priority: null };
    await kiosk.post('/tickets/offline', report);
    const reused = await kiosk.post('/tickets/offline', { ...report, seq: lease.firstSeq + 1 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('client-id-reused');
  });

  it('lets a window call priority tickets first, recall, finish and mark no-shows; the display follows', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    await kiosk.take({ category: 'household' });
    hall.setNow('2026-11-24T10:00:01+08:00');
    await kiosk.take({ category: 'household', idNumber: DEMO_PEOPLE.elder.idNumber });
    hall.setNow('2026-11-24T10:00:02+08:00');
    await kiosk.take({ category: 'general' });
    const wrong = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'agent01', password: 'guess' } });
    expect(wrong.statusCode).toBe(401);
    expect((await hall.app.inject({ method: 'POST', url: '/api/v1/staff/call-next' })).statusCode).toBe(401);

    const staff = await staffSession();
    expect(staff.login.json()).toMatchObject({ username: 'agent01', role: 'staff', windowNumber: null });
    expect((await staff.call('POST', '/staff/call-next')).json().error.code).toBe('no-window');
    expect((await staff.call('POST', '/staff/window', { windowNumber: 3 })).json().windowNumber).toBe(3);

    const first = (await staff.call('POST', '/staff/call-next')).json().ticket;
    expect(first).toMatchObject({ number: 'A002', priority: 'elder', status: 'called', windowNumber: 3 });
    expect((await staff.call('POST', `/staff/tickets/${first.id}/recall`)).json().status).toBe('called');
    expect((await staff.call('POST', `/staff/tickets/${first.id}/finish`)).json().status).toBe('done');
    const second = (await staff.call('POST', '/staff/call-next')).json().ticket;
    expect(second.number).toBe('A001');
    const display = (await hall.app.inject('/api/v1/display/state')).json();
    expect(display.calls[0]).toMatchObject({ number: 'A001', windowNumber: 3 });
    expect(display.waiting.find((w: { category: string }) => w.category === 'general').waiting).toBe(1);
    expect((await staff.call('POST', `/staff/tickets/${second.id}/no-show`)).json().status).toBe('no-show');
    expect((await staff.call('POST', `/staff/tickets/${second.id}/finish`)).json().error.code).toBe('not-called-here');
    const third = (await staff.call('POST', '/staff/call-next')).json().ticket;
    expect(third.number).toBe('H001');
    // One citizen at a time: the window finishes (or marks) the current ticket before the next.
    const busy = await staff.call('POST', '/staff/call-next');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('window-busy');
    await staff.call('POST', `/staff/tickets/${third.id}/finish`);
    expect((await staff.call('POST', '/staff/call-next')).json().ticket).toBeNull();
    // The day's waiting counters agree with the tickets themselves after every kind of change.
    const counted = await hall.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'waiting').executeTakeFirstOrThrow();
    const counters = await hall.ctx.db.selectFrom('ticket_counters').select((eb) => eb.fn.sum('waiting').as('n')).executeTakeFirstOrThrow();
    expect(Number(counters.n)).toBe(Number(counted.n));
  });

  it('never gives one ticket to two windows calling at the same moment', async () => {
    // Ten tickets from one terminal at one instant: more than its burst (config.ts).
    hall = await openTestHall(kind, { KIOSK_TICKET_BURST: '10' });
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    for (let i = 0; i < 10; i++) await kiosk.take({ category: 'household' });
    const windows = await Promise.all([1, 2, 3].map(async (windowNumber) => {
      const staff = await staffSession(DEMO_STAFF[windowNumber === 1 ? 1 : 2]!.username, DEMO_STAFF[1]!.password);
      await staff.call('POST', '/staff/window', { windowNumber });
      return staff;
    }));
    const serveThree = async (staff: (typeof windows)[number]) => {
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const ticket = (await staff.call('POST', '/staff/call-next')).json().ticket;
        numbers.push(ticket.number);
        await staff.call('POST', `/staff/tickets/${ticket.id}/finish`);
      }
      return numbers;
    };
    const called = (await Promise.all(windows.map(serveThree))).flat();
    expect(called).toHaveLength(9);
    expect(new Set(called).size).toBe(9);
  });

  it('shows every terminal on the fleet page, flags a stale heartbeat, and is for administrators only', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const kiosk = await terminal();
    const beat = await kiosk.post('/terminals/heartbeat', {
      appVersion: '0.1.0+abc',
      devices: { reader: 'ready', printer: 'paper-near-end' },
      paper: 'near-end',
      outboxDepth: 3,
      lastErrorCode: null,
    });
    expect(beat.statusCode).toBe(200);
    const agent = await staffSession();
    expect((await agent.call('GET', '/admin/terminals')).statusCode).toBe(403);
    const admin = await staffSession(DEMO_STAFF[0]!.username, DEMO_STAFF[0]!.password);
    const fleet = (await admin.call('GET', '/admin/terminals')).json();
    expect(fleet[0]).toMatchObject({ name: 'terminal-1', appVersion: '0.1.0+abc', paper: 'near-end', outboxDepth: 3, stale: false, devices: { printer: 'paper-near-end' } });
    hall.setNow('2026-11-24T10:02:01+08:00');
    expect((await admin.call('GET', '/admin/terminals')).json()[0].stale).toBe(true);
    const badBeat = await kiosk.post('/terminals/heartbeat', { appVersion: 'x', devices: { reader: 'on-fire' }, paper: 'ok', outboxDepth: 0, lastErrorCode: null });
    expect(badBeat.statusCode).toBe(400);
  });
});
