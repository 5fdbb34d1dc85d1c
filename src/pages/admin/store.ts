import { computed, effect, signal } from '@preact/signals';
import type { ApiError } from '../shared/api.ts';
import { errorText } from '../shared/errors.ts';
import { pageClock } from '../shared/hall-config.ts';
import { repeatEvery } from '../shared/polling.ts';
import { logOut, whoAmI } from '../shared/session.ts';
import type { StaffMember } from '../shared/wire.ts';
import { fetchCertificateUses, fetchFleet, newEnrollmentCode, resumeTerminal, revokeTerminal, type CertificateUse, type EnrollmentCode, type FleetEntry } from './api.ts';

/** The pages of the back office, each at its own address. */
export type AdminSection = 'fleet' | 'demo-code' | 'evaluations' | 'supervision' | 'audit';
export type AdminView = 'checking' | 'login' | 'forbidden' | AdminSection;

export const SECTION_PATHS: Record<AdminSection, string> = { fleet: '/admin/fleet', 'demo-code': '/admin/demo-code', evaluations: '/admin/evaluations', supervision: '/admin/supervision', audit: '/admin/audit' };

/** The section at an address; /admin itself (and anything unknown) is the fleet. */
const sectionOf = (pathname: string): AdminSection =>
  (Object.keys(SECTION_PATHS) as AdminSection[]).find((candidate) => pathname.replace(/\/$/, '') === SECTION_PATHS[candidate]) ?? 'fleet';

/** Terminals report every minute; 10 s shows a change soon without loading the server. */
export const FLEET_REFRESH_MS = 10_000;

export const member = signal<StaffMember | null>(null);
const sessionChecked = signal(false);
/** Only the API knows who is an administrator: a 403 from the fleet says "not you". */
const forbidden = signal(false);
export const fleet = signal<FleetEntry[] | null>(null);
export const refreshedAt = signal<number | null>(null);
export const notice = signal<{ tone: 'info' | 'error'; text: string } | null>(null);
export const loginNotice = signal<string | null>(null);
export const pendingRevoke = signal<FleetEntry | null>(null);
/** The terminal whose details dialog is open: a new enrollment code, or its certificate uses. */
export const terminalDialog = signal<
  { kind: 'enrollment'; terminal: FleetEntry; code: EnrollmentCode } | { kind: 'uses'; terminal: FleetEntry; uses: CertificateUse[] } | null
>(null);
export const busy = signal(false);
export const connectionLost = signal(false);
export const section = signal<AdminSection>(sectionOf(location.pathname));

export const view = computed<AdminView>(() => {
  if (!sessionChecked.value) return 'checking';
  if (member.value === null) return 'login';
  return forbidden.value ? 'forbidden' : section.value;
});

/** Moves between the back office's pages without reloading (and logging in) again; Back works too. */
export function openSection(next: AdminSection): void {
  if (next === section.value) return;
  history.pushState(null, '', SECTION_PATHS[next]);
  section.value = next;
  notice.value = null;
}

addEventListener('popstate', () => {
  section.value = sectionOf(location.pathname);
  notice.value = null;
});

function endSession(reason: string | null): void {
  member.value = null;
  fleet.value = null;
  forbidden.value = false;
  notice.value = null;
  pendingRevoke.value = null;
  terminalDialog.value = null;
  loginNotice.value = reason;
}

/** A refusal of any admin call: 401 ends the session, 403 says "not an administrator", the rest is a notice. */
export function handleFailure(error: ApiError): void {
  if (error.status === 401) return endSession(errorText(error));
  if (error.status === 403) {
    forbidden.value = true;
    return;
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
  forbidden.value = false;
  member.value = who;
}

let refreshes = 0;

export async function refreshFleet(): Promise<void> {
  const mine = ++refreshes;
  const result = await fetchFleet();
  if (mine !== refreshes) return;
  // A dropped network is a state shown until it is over, not an error to dismiss.
  connectionLost.value = !result.ok && result.error.code === 'network';
  if (result.ok) {
    fleet.value = result.value;
    refreshedAt.value = pageClock.now();
  } else if (!connectionLost.value) {
    handleFailure(result.error);
  }
}

export async function confirmRevoke(): Promise<void> {
  const terminal = pendingRevoke.value;
  if (!terminal || busy.value) return;
  busy.value = true;
  const result = await revokeTerminal(terminal.id);
  busy.value = false;
  pendingRevoke.value = null;
  if (result.ok) notice.value = { tone: 'info', text: `已吊销终端“${terminal.name}”，其设备令牌已失效。` };
  else handleFailure(result.error);
  await refreshFleet();
}

/** Runs one admin action on a terminal, one at a time, and shows the fleet as it is afterwards. */
async function actOn<T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, done: (value: T) => void): Promise<void> {
  if (busy.value) return;
  busy.value = true;
  const result = await action();
  busy.value = false;
  if (result.ok) done(result.value);
  else handleFailure(result.error);
  await refreshFleet();
}

export function liftSuspension(terminal: FleetEntry): Promise<void> {
  return actOn(() => resumeTerminal(terminal.id), () => (notice.value = { tone: 'info', text: `已恢复终端“${terminal.name}”的证照业务，身份核验限额从现在起重新计数。` }));
}

export function reenroll(terminal: FleetEntry): Promise<void> {
  return actOn(() => newEnrollmentCode(terminal.id), (code) => (terminalDialog.value = { kind: 'enrollment', terminal, code }));
}

export function showCertificateUses(terminal: FleetEntry): Promise<void> {
  return actOn(() => fetchCertificateUses(terminal.id), (uses) => (terminalDialog.value = { kind: 'uses', terminal, uses }));
}

export async function logOutNow(): Promise<void> {
  await logOut();
  endSession(null);
}

// Polls while a logged-in member may see the fleet; also the first load after login.
effect(() => {
  if (view.value !== 'fleet') return;
  return repeatEvery(FLEET_REFRESH_MS, refreshFleet);
});
