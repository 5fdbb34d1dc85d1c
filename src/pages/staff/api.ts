import { requestJson, type ApiResult } from '../shared/api.ts';
import { array, integer, nullable, object, string } from '../shared/parse.ts';
import { StaffMember, Ticket } from '../shared/wire.ts';

const HallWindow = object({ number: integer, name: string, categories: array(string) });
export type HallWindow = ReturnType<typeof HallWindow>;

const QueueState = object({ windowNumber: integer, current: nullable(Ticket), waiting: array(Ticket) });
export type QueueState = ReturnType<typeof QueueState>;

export type Transition = 'recall' | 'no-show' | 'finish';

export const fetchWindows = (): Promise<ApiResult<HallWindow[]>> => requestJson('/staff/windows', array(HallWindow));

export const chooseWindow = (windowNumber: number): Promise<ApiResult<StaffMember>> =>
  requestJson('/staff/window', StaffMember, { method: 'POST', body: { windowNumber } });

export const fetchQueue = (): Promise<ApiResult<QueueState>> => requestJson('/staff/queue', QueueState);

export const callNext = (): Promise<ApiResult<{ ticket: Ticket | null }>> =>
  requestJson('/staff/call-next', object({ ticket: nullable(Ticket) }), { method: 'POST' });

export const updateTicket = (ticketId: string, transition: Transition): Promise<ApiResult<Ticket>> =>
  requestJson(`/staff/tickets/${encodeURIComponent(ticketId)}/${transition}`, Ticket, { method: 'POST' });
