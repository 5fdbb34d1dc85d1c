import { computed, effect, signal } from '@preact/signals';
import type { ApiError } from '../shared/api.ts';
import { errorText } from '../shared/errors.ts';
import { repeatEvery } from '../shared/polling.ts';
import { logOut, whoAmI } from '../shared/session.ts';
import type { StaffMember } from '../shared/wire.ts';
import * as api from './api.ts';

export type StaffView = 'checking' | 'login' | 'window' | 'work';
export interface Notice {
  tone: 'info' | 'error';
  text: string;
}

/** Other windows call from the same queue; 3 s keeps the list honest without loading the server. */
export const QUEUE_REFRESH_MS = 3000;

export const member = signal<StaffMember | null>(null);
const sessionChecked = signal(false);
/** The agent asked to move to another window while already serving one. */
export const changingWindow = signal(false);
export const windows = signal<api.HallWindow[] | null>(null);
export const queue = signal<api.QueueState | null>(null);
/** One action at a time: a double tap on 叫号 must not call two citizens. */
export const busy = signal(false);
export const notice = signal<Notice | null>(null);
export const loginNotice = signal<string | null>(null);
export const connectionLost = signal(false);

export const view = computed<StaffView>(() => {
  if (!sessionChecked.value) return 'checking';
  if (member.value === null) return 'login';
  return member.value.windowNumber === null || changingWindow.value ? 'window' : 'work';
});

function endSession(reason: string | null): void {
  member.value = null;
  queue.value = null;
  notice.value = null;
  changingWindow.value = false;
  loginNotice.value = reason;
}

/** Turns an API refusal into the state change it implies, and a message the agent understands. */
export function handleFailure(error: ApiError): void {
  if (error.status === 401) return endSession(errorText(error));
  if (error.code === 'no-window' && member.value) {
    member.value = { ...member.value, windowNumber: null };
  }
  notice.value = { tone: 'error', text: errorText(error) };
}

export async function checkSession(): Promise<void> {
  const result = await whoAmI();
  if (result.ok) member.value = result.value;
  else if (result.error.status !== 401) loginNotice.value = errorText(result.error);
  sessionChecked.value = true;
}

export function loggedIn(who: StaffMember): void {
  loginNotice.value = null;
  notice.value = null;
  member.value = who;
}

export async function loadWindows(): Promise<void> {
  const result = await api.fetchWindows();
  if (result.ok) windows.value = result.value;
  else handleFailure(result.error);
}

export async function pickWindow(windowNumber: number): Promise<void> {
  if (busy.value) return;
  busy.value = true;
  const result = await api.chooseWindow(windowNumber);
  busy.value = false;
  if (!result.ok) return handleFailure(result.error);
  queue.value = null;
  notice.value = null;
  changingWindow.value = false;
  member.value = result.value;
}

let refreshes = 0;

export async function refreshQueue(): Promise<void> {
  // A slow poll that answers after a newer refresh must not put the old queue back on screen.
  const mine = ++refreshes;
  const result = await api.fetchQueue();
  if (mine !== refreshes) return;
  connectionLost.value = !result.ok && result.error.code === 'network';
  if (result.ok) queue.value = result.value;
  else if (result.error.code !== 'network') handleFailure(result.error);
}

async function act(action: () => Promise<Notice | ApiError>): Promise<void> {
  if (busy.value) return;
  busy.value = true;
  try {
    const outcome = await action();
    if ('tone' in outcome) notice.value = outcome;
    else handleFailure(outcome);
    // After success and after a refusal alike (e.g. another window took the ticket), show the truth.
    if (member.value?.windowNumber) await refreshQueue();
  } finally {
    busy.value = false;
  }
}

export const callNext = (): Promise<void> =>
  act(async () => {
    const result = await api.callNext();
    if (!result.ok) return result.error;
    const ticket = result.value.ticket;
    return ticket ? { tone: 'info', text: `已呼叫 ${ticket.number}` } : { tone: 'info', text: '当前没有等候的号码。' };
  });

const DONE_TEXT: Record<api.Transition, (number: string) => string> = {
  recall: (number) => `已重呼 ${number}`,
  'no-show': (number) => `${number} 已过号`,
  finish: (number) => `${number} 已办结`,
};

export const updateCurrent = (transition: api.Transition): Promise<void> =>
  act(async () => {
    const current = queue.value?.current;
    if (!current) return { tone: 'error', text: '本窗口当前没有正在办理的号码。' };
    const result = await api.updateTicket(current.id, transition);
    return result.ok ? { tone: 'info', text: DONE_TEXT[transition](result.value.number) } : result.error;
  });

export async function logOutNow(): Promise<void> {
  await logOut();
  // Even if the server could not be reached, the screen must not stay logged in.
  endSession(null);
}

// The queue is polled only while the work screen is up.
effect(() => {
  if (view.value !== 'work') return;
  return repeatEvery(QUEUE_REFRESH_MS, refreshQueue);
});
