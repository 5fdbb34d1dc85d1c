import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BRIDGE_HANDOFF_GLOBAL } from '../../src/core/bridge-handoff.ts';
import { bridgeHandoffScript } from './bridge-handoff.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const LAUNCH = { url: 'ws://127.0.0.1:7801', token: 'tok"en</script>\u2028' };

/** A document's global as Chromium gives it to the script: `window` is itself, `top` the top frame's. */
function runInDocument(origin: string, topFrame = true): Record<string, unknown> {
  const global: Record<string, unknown> = { location: { origin } };
  global.window = global;
  global.top = topFrame ? global : {};
  runInNewContext(bridgeHandoffScript(ORIGIN, LAUNCH), global);
  return global;
}

describe('the bridge handoff script', () => {
  it('gives the kiosk origin\'s top document the launch once, intact, under a name no enumeration shows', () => {
    const page = runInDocument(ORIGIN);
    expect(Object.keys(page)).not.toContain(BRIDGE_HANDOFF_GLOBAL);
    expect(page[BRIDGE_HANDOFF_GLOBAL]).toEqual(LAUNCH);
    expect(page[BRIDGE_HANDOFF_GLOBAL]).toBeUndefined();
    expect(BRIDGE_HANDOFF_GLOBAL in page).toBe(false);
  });

  it('gives nothing to another origin, an error page or an iframe', () => {
    for (const page of [runInDocument('http://localhost:8080'), runInDocument('null'), runInDocument(ORIGIN, false)]) {
      expect(BRIDGE_HANDOFF_GLOBAL in page).toBe(false);
    }
  });
});
