/**
 * How the PWA takes the bridge launch (src/platform/bridge-launch.ts): from kiosk-shell's one-shot
 * global, or from the fragment of a page opened by hand, and how each survives a reload.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_HANDOFF_GLOBAL } from '../../src/core/bridge-handoff.ts';

const SHELL_LAUNCH = { url: 'ws://127.0.0.1:7801', token: 'from-the-shell' };

interface FakePage {
  window: Record<string, unknown> & { location: { pathname: string; search: string; hash: string; reload: () => void } };
  addresses: string[];
  reloads: number;
}

/** A page at `/` with `hash`; when `handedOver`, the shell's global as its script defines it. */
function openPage(hash: string, handedOver?: object): FakePage {
  const page = { addresses: [] as string[], reloads: 0 } as FakePage;
  const location = { pathname: '/', search: '', hash, reload: () => void page.reloads++ };
  page.window = { location };
  if (handedOver) {
    let launch: object | null = handedOver;
    Object.defineProperty(page.window, BRIDGE_HANDOFF_GLOBAL, {
      configurable: true,
      enumerable: false,
      get() {
        const taken = launch;
        launch = null;
        delete page.window[BRIDGE_HANDOFF_GLOBAL];
        return taken;
      },
    });
  }
  vi.stubGlobal('window', page.window);
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_state: unknown, _title: string, address: string) => {
      page.addresses.push(address);
      const at = address.indexOf('#');
      location.hash = at < 0 ? '' : address.slice(at);
    },
  });
  return page;
}

async function freshModule() {
  vi.resetModules();
  return import('../../src/platform/bridge-launch.ts');
}

describe('the bridge launch in the PWA', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes the launch the shell handed over, leaves nothing for a later script, and reloads plainly', async () => {
    const page = openPage('', SHELL_LAUNCH);
    const { readBridgeLaunch, bridgeLaunch, reloadKeepingBridge } = await freshModule();
    expect(readBridgeLaunch(page.window.location as unknown as Location)).toEqual(SHELL_LAUNCH);
    expect(bridgeLaunch()).toEqual(SHELL_LAUNCH);
    expect(BRIDGE_HANDOFF_GLOBAL in page.window).toBe(false);
    reloadKeepingBridge();
    // The shell hands the launch to the new document: the token goes into no address.
    expect(page.addresses).toEqual([]);
    expect(page.reloads).toBe(1);
  });

  it('reads a hand-opened fragment with an enrollment code, removes it, and puts it back only for a reload', async () => {
    const page = openPage('#enroll=K7Q2-M9XP&bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=typed%26token');
    const { readBridgeLaunch, reloadKeepingBridge } = await freshModule();
    expect(readBridgeLaunch(page.window.location as unknown as Location)).toEqual({ url: 'ws://127.0.0.1:7801', token: 'typed&token' });
    expect(page.addresses).toEqual(['/']);
    reloadKeepingBridge();
    expect(page.addresses.at(-1)).toBe('/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=typed%26token');
    expect(page.reloads).toBe(1);
  });

  it('prefers the shell\'s handoff to a fragment, and still removes the fragment', async () => {
    const page = openPage('#bridge=ws%3A%2F%2F127.0.0.1%3A9999&token=other', SHELL_LAUNCH);
    const { readBridgeLaunch, reloadKeepingBridge } = await freshModule();
    expect(readBridgeLaunch(page.window.location as unknown as Location)).toEqual(SHELL_LAUNCH);
    expect(page.addresses).toEqual(['/']);
    reloadKeepingBridge();
    expect(page.addresses).toEqual(['/']);
  });

  it('ignores a launch that names a bridge off this machine, from either source', async () => {
    const fromFragment = openPage('#bridge=ws%3A%2F%2Fevil.example%3A7801&token=t');
    expect((await freshModule()).readBridgeLaunch(fromFragment.window.location as unknown as Location)).toBeNull();
    const handedOver = openPage('', { url: 'ws://evil.example:7801', token: 't' });
    expect((await freshModule()).readBridgeLaunch(handedOver.window.location as unknown as Location)).toBeNull();
  });
});
