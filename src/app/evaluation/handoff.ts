/**
 * How another journey opens 好差评 for a service: this module is all it imports, so the
 * evaluation screen, its store and its rules stay out of the kiosk's initial JS (they load with
 * the screen).
 */
import type { TerminalSubject } from '../../core/evaluation-wire.ts';
import type { Localized } from '../../core/language.ts';
import { navigate } from '../router.ts';
import { onSessionEnd } from '../session/store.ts';

/** What the screen can say of a service before the server has: the caller knows its number and name. */
export interface KnownSubject {
  reference: string;
  title: Localized;
}

export interface HandedOver {
  subject: TerminalSubject;
  known: KnownSubject | null;
}

let handedOver: HandedOver | null = null;

/**
 * Opens 好差评 for one service: the ticket just taken (`{kind: 'ticket', clientId}`), a case just
 * submitted (`{kind: 'case', clientId}`), or any ticket or case by its token (`{kind, token}`,
 * e.g. a case's evaluationToken after a progress query). `known` lets the screen name the
 * service while the terminal is offline.
 */
export function openEvaluation(subject: TerminalSubject, known: KnownSubject | null = null): void {
  handedOver = { subject, known };
  navigate('evaluation');
}

/** Whether a service waits to be taken: the screen shows "checking" meanwhile, never the entry step. */
export function hasHandedOver(): boolean {
  return handedOver !== null;
}

/** The service handed over, once: the evaluation screen takes it when it opens. */
export function takeHandedOver(): HandedOver | null {
  const taken = handedOver;
  handedOver = null;
  return taken;
}

onSessionEnd(() => {
  handedOver = null;
});
