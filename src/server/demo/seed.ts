import { localDateOf } from '../../core/calendar/local-date.ts';
import type { HallContext } from '../context.ts';
import { holderHash } from '../security.ts';
import { saveCatalog } from '../services/catalog.ts';
import { addStaff } from '../services/staff.ts';
import { DEMO_CATALOG, DEMO_WINDOWS } from './catalog-data.ts';
import { DEMO_PEOPLE } from './people.ts';
import { seedDemoCertificates } from './seed-certificates.ts';
import { seedDemoQuarter } from './seed-quarter.ts';

/** Demo accounts; their passwords are printed in the README and by `npm start`. */
export const DEMO_STAFF = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const, password: 'demo-admin-2026' },
  { username: 'agent01', displayName: '窗口一号', role: 'staff' as const, password: 'demo-agent-2026' },
  { username: 'agent02', displayName: '窗口二号', role: 'staff' as const, password: 'demo-agent-2026' },
];

const MINUTE = 60_000;

/**
 * Appointments of the demo people around the current time, so that the demo always shows a
 * valid one (now), one too early (later today) and one expired (earlier today). Replaced at
 * every seed.
 */
export async function seedDemoAppointments(ctx: HallContext): Promise<void> {
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const appointments = [
    { code: 'YY0001', person: DEMO_PEOPLE.booked, from: now - 10 * MINUTE, to: now + 50 * MINUTE },
    { code: 'YY0002', person: DEMO_PEOPLE.early, from: now + 120 * MINUTE, to: now + 150 * MINUTE },
    { code: 'YY0003', person: DEMO_PEOPLE.late, from: now - 180 * MINUTE, to: now - 150 * MINUTE },
  ];
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('appointments').where('code', 'in', appointments.map((a) => a.code)).execute();
    for (const appointment of appointments) {
      await tx
        .insertInto('appointments')
        .values({
          code: appointment.code,
          category_code: 'household',
          holder_hash: holderHash(ctx.pepper, appointment.person.idNumber),
          service_date: today,
          starts_at: appointment.from,
          ends_at: appointment.to,
          used_ticket_id: null,
        })
        .execute();
    }
  });
}

export async function seedDemo(ctx: HallContext): Promise<void> {
  await saveCatalog(ctx.db, DEMO_CATALOG, DEMO_WINDOWS);
  for (const member of DEMO_STAFF) await addStaff(ctx, member);
  await seedDemoAppointments(ctx);
  await seedDemoCertificates(ctx);
  await seedDemoQuarter(ctx);
}

export async function hasCatalog(ctx: HallContext): Promise<boolean> {
  return (await ctx.db.selectFrom('categories').select('code').limit(1).execute()).length > 0;
}
