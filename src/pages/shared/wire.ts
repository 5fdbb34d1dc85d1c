import { integer, literal, nullable, object, string } from './parse.ts';

/** A ticket as the hall API shows it (no holder data: tickets carry no names). */
export const Ticket = object({
  id: string,
  number: string,
  category: string,
  serviceDate: string,
  session: object({ id: string, start: string, end: string }),
  peopleAhead: integer,
  priority: nullable(literal('elder', 'appointment')),
  status: literal('waiting', 'called', 'done', 'no-show'),
  windowNumber: nullable(integer),
  issuedAt: string,
});
export type Ticket = ReturnType<typeof Ticket>;

export const StaffMember = object({
  id: string,
  username: string,
  displayName: string,
  role: literal('staff', 'admin'),
  windowNumber: nullable(integer),
});
export type StaffMember = ReturnType<typeof StaffMember>;

/** Badge text of a priority ticket, as the window agent sees it. */
export const PRIORITY_LABELS: Record<NonNullable<Ticket['priority']>, string> = {
  elder: '老年人优先',
  appointment: '预约优先',
};
