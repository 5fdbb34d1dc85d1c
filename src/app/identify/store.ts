/**
 * Who is at the terminal, as far as the kiosk knows: the ID card on the reader, while the
 * session lasts. The identify screen asks for it; journeys read it (the ticket journey turns an
 * elder's or a booked citizen's card into the priority lane). Card events drive the session: a
 * card placed on the idle home screen starts a visit at the identify screen, and taking the
 * session's card away ends the visit where the hall says so.
 */
import { computed, signal } from '@preact/signals';
import { maskIdNumber, maskName } from '../../core/id-number.ts';
import { cardRefusal, lastCard, onCardEvent } from '../../platform/bridge-client.ts';
import { kioskConfig } from '../../platform/config.ts';
import type { JourneyId } from '../journeys/journeys.ts';
import { navigate, screen } from '../router.ts';
import { endSession, noteActivity, onSessionEnd, sessionActive } from '../session/store.ts';

/** The journey the identify screen leads on to; null when a card placed at home opened it. */
export const identifyPurpose = signal<JourneyId | null>(null);

/** What the screen may show of the card holder: never the whole number. */
export interface MaskedIdentity {
  name: string;
  idNumber: string;
  cardType: 'resident' | 'foreign-permanent' | 'hmt-residence';
}

export const maskedIdentity = computed<MaskedIdentity | null>(() => {
  const card = lastCard.value;
  return card ? { name: maskName(card.name), idNumber: maskIdNumber(card.idNumber), cardType: card.cardType } : null;
});

export const refusal = computed(() => cardRefusal.value);

/** The identified citizen's ID number for a request that needs it (priority ticket); null without a card. */
export function cardIdNumber(): string | null {
  return lastCard.value?.idNumber ?? null;
}

export function openIdentify(purpose: JourneyId | null): void {
  identifyPurpose.value = purpose;
  navigate('identify');
}

/** Connects card events to the session; returns the function that disconnects them. */
export function installCardReactions(): () => void {
  return onCardEvent((event) => {
    if (event === 'removed') {
      if (kioskConfig.value.cardRemovalEndsSession && sessionActive.value) endSession();
      return;
    }
    // Placing a card is a touch: it starts the visit, or keeps it alive.
    noteActivity();
    if (screen.value === 'home') openIdentify(null);
  });
}

onSessionEnd(() => {
  identifyPurpose.value = null;
});
