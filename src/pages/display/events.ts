import { API_BASE } from '../shared/api.ts';
import { ParseError } from '../shared/parse.ts';
import { applyState, connection } from './store.ts';
import { DisplayState } from './wire.ts';

/**
 * EventSource reconnects by itself after a dropped connection, but gives up for good when the
 * server answers with an error status (e.g. during a restart behind a proxy); then a new one
 * is opened after this pause.
 */
const REOPEN_MS = 5000;

export function connectDisplayEvents(): void {
  const source = new EventSource(`${API_BASE}/display/events`);
  source.addEventListener('open', () => (connection.value = 'open'));
  source.addEventListener('state', (event) => {
    try {
      applyState(DisplayState(JSON.parse((event as MessageEvent<string>).data)));
      connection.value = 'open';
    } catch (error) {
      // A malformed event keeps the last good state on the wall.
      if (!(error instanceof ParseError || error instanceof SyntaxError)) throw error;
    }
  });
  source.addEventListener('error', () => {
    connection.value = 'lost';
    if (source.readyState === EventSource.CLOSED) {
      source.close();
      setTimeout(connectDisplayEvents, REOPEN_MS);
    }
  });
}
