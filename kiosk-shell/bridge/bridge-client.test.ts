/** The PWA's bridge client (src/platform/bridge-client.ts) against the real bridge, over real sockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ALL_DEVICES_ABSENT } from '../../src/core/devices.ts';
import { deviceStates } from '../../src/platform/bridge-launch.ts';
import { bridgeConnected, cardRefusal, forgetCard, lastCard, print, startBridgeClient, stopBridgeClient } from '../../src/platform/bridge-client.ts';
import { lastScan } from '../../src/platform/scans.ts';
import { DEMO_CARDS } from '../drivers/sam-reader/demo-cards.ts';
import type { PrinterPort } from './printer-port.ts';
import { BridgeServer } from './server.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'client-test-token';
/** A browser sends its page's Origin; ws sends none unless told. */
class BrowserLikeSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}
const WebSocketImpl = BrowserLikeSocket as unknown as new (url: string) => globalThis.WebSocket;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  stopBridgeClient();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bridgeOn(port = 0, options: { receiptPrinter?: PrinterPort<never> } = {}) {
  const bridge = new BridgeServer({ port, origin: ORIGIN, token: TOKEN, ...options });
  const url = await bridge.start();
  cleanups.push(() => bridge.stop());
  return { bridge, url };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const receipt = { items: [{ type: 'text' as const, text: 'A012' }, { type: 'cut' as const }] };

describe('the PWA bridge client', () => {
  it('fails a print with absent at once when no shell is there', async () => {
    startBridgeClient({ launch: null, WebSocketImpl });
    expect(await print('receipt', receipt)).toEqual({ ok: false, reason: 'absent' });
    expect(bridgeConnected.value).toBe(false);
  });

  it('authenticates, follows device states, cards, scans and prints', async () => {
    const { bridge, url } = await bridgeOn();
    bridge.setDeviceStatus('reader', 'ready');
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    expect(deviceStates.value).toEqual({ ...ALL_DEVICES_ABSENT, reader: 'ready' });
    bridge.setDeviceStatus('scanner', 'error');
    await until(() => deviceStates.value.scanner === 'error');
    bridge.sendCard(DEMO_CARDS.citizen);
    await until(() => lastCard.value !== null);
    expect(lastCard.value).toEqual(DEMO_CARDS.citizen);
    bridge.cardRemoved();
    await until(() => lastCard.value === null);
    bridge.refuseCard('expired');
    await until(() => cardRefusal.value === 'expired');
    forgetCard();
    expect(cardRefusal.value).toBe(null);
    bridge.sendScan('https://example.org/q');
    await until(() => lastScan.value?.text === 'https://example.org/q');
    expect(await print('receipt', receipt)).toEqual({ ok: false, reason: 'absent' });
  });

  it('times a print out when the shell does not answer', async () => {
    const never: PrinterPort<never> = { status: { state: 'ready' }, print: () => new Promise(() => {}), onStatus: () => () => {} };
    const { url } = await bridgeOn(0, { receiptPrinter: never });
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    expect(await print('receipt', receipt, { timeoutMs: 100 })).toEqual({ ok: false, reason: 'timeout' });
  });

  it('reconnects after the shell restarts, and forgets card and devices while it is away', async () => {
    const first = await bridgeOn();
    const port = Number(new URL(first.url).port);
    first.bridge.setDeviceStatus('reader', 'ready');
    startBridgeClient({ launch: { url: first.url, token: TOKEN }, WebSocketImpl, random: () => 0 });
    await until(() => bridgeConnected.value);
    first.bridge.sendCard(DEMO_CARDS.elder);
    await until(() => lastCard.value !== null);
    await first.bridge.stop();
    await until(() => !bridgeConnected.value);
    expect(lastCard.value).toBe(null);
    expect(deviceStates.value).toEqual(ALL_DEVICES_ABSENT);
    const second = await bridgeOn(port);
    second.bridge.setDeviceStatus('reader', 'ready');
    await until(() => bridgeConnected.value && deviceStates.value.reader === 'ready', 5000);
  });

  it('ignores messages that do not parse, such as a card with a missing field', async () => {
    const { bridge, url } = await bridgeOn();
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    const { idNumber: _dropped, ...broken } = DEMO_CARDS.citizen;
    bridge.sendCard(broken as typeof DEMO_CARDS.citizen);
    bridge.sendScan('after');
    await until(() => lastScan.value?.text === 'after');
    expect(lastCard.value).toBe(null);
  });
});
