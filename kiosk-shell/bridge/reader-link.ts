/**
 * Forwards the ID card reader driver's events to the bridge: states, cards, refusals, removals,
 * line errors. A card goes out with the device key's assertion for it; signing takes a moment,
 * so events are passed on strictly in the order the reader gave them (a card taken away at once
 * is never announced after its removal).
 */
import type { IdCard } from '../../src/core/id-card.ts';
import type { ReaderEvent } from '../drivers/sam-reader/reader.ts';
import type { BridgeServer } from './server.ts';

export interface CardEventSource {
  on(listener: (event: ReaderEvent) => void): () => void;
}

/** What the device identity needs to know of the reader (kiosk-shell/device/device-identity.ts). */
export interface CardWitness {
  cardRead(card: IdCard): Promise<string | null>;
  cardRemoved(): void;
}

export function linkReader(reader: CardEventSource, bridge: BridgeServer, witness?: CardWitness): () => void {
  let queue = Promise.resolve();
  const pass = async (event: ReaderEvent) => {
    switch (event.type) {
      case 'status':
        bridge.setDeviceStatus('reader', event.state, event.reason);
        break;
      case 'card':
        // The photo stays in the shell: no screen shows it yet, and it is the most personal field.
        if (event.read.ok) bridge.sendCard(event.read.card, witness ? await witness.cardRead(event.read.card) : null);
        else {
          // A card that identifies nobody is no card to assert, whatever lay there before.
          witness?.cardRemoved();
          bridge.refuseCard(event.read.reason);
        }
        break;
      case 'removed':
        witness?.cardRemoved();
        bridge.cardRemoved();
        break;
      case 'line-errors':
        bridge.setLineErrors('reader', event.counters);
        break;
    }
  };
  return reader.on((event) => {
    queue = queue.then(() => pass(event)).catch(() => undefined);
  });
}
