/** Forwards the ID card reader driver's events to the bridge: states, cards, refusals, removals, line errors. */
import type { ReaderEvent } from '../drivers/sam-reader/reader.ts';
import type { BridgeServer } from './server.ts';

export interface CardEventSource {
  on(listener: (event: ReaderEvent) => void): () => void;
}

export function linkReader(reader: CardEventSource, bridge: BridgeServer): () => void {
  return reader.on((event) => {
    switch (event.type) {
      case 'status':
        bridge.setDeviceStatus('reader', event.state, event.reason);
        break;
      case 'card':
        // The photo stays in the shell: no screen shows it yet, and it is the most personal field.
        if (event.read.ok) bridge.sendCard(event.read.card);
        else bridge.refuseCard(event.read.reason);
        break;
      case 'removed':
        bridge.cardRemoved();
        break;
      case 'line-errors':
        bridge.setLineErrors('reader', event.counters);
        break;
    }
  });
}
