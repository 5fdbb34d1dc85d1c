import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpConnection, CdpError, type CdpEvent } from './cdp.ts';

/** Chromium's side of the pipe: reads what the client sends, answers what the test says. */
function pipePair() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const sent: Array<{ id: number; method: string; params: object; sessionId?: string }> = [];
  let buffer = '';
  toBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\0');
    buffer = parts.pop()!;
    for (const part of parts) sent.push(JSON.parse(part) as (typeof sent)[number]);
  });
  const reply = (message: object) => fromBrowser.write(`${JSON.stringify(message)}\0`);
  return { cdp: new CdpConnection(toBrowser, fromBrowser), sent, reply, fromBrowser };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the DevTools client', () => {
  it('numbers commands and resolves each with its own answer, whatever the order', async () => {
    const { cdp, sent, reply } = pipePair();
    const version = cdp.send('Browser.getVersion');
    const evaluation = cdp.send('Runtime.evaluate', { expression: '1' }, { sessionId: 'S1' });
    await tick();
    expect(sent).toEqual([
      { id: 1, method: 'Browser.getVersion', params: {} },
      { id: 2, method: 'Runtime.evaluate', params: { expression: '1' }, sessionId: 'S1' },
    ]);
    reply({ id: 2, sessionId: 'S1', result: { result: { value: 1 } } });
    reply({ id: 1, result: { product: 'Chrome/155' } });
    expect(await version).toEqual({ product: 'Chrome/155' });
    expect(await evaluation).toEqual({ result: { value: 1 } });
  });

  it('rejects a command Chromium answers with an error', async () => {
    const { cdp, reply } = pipePair();
    const navigation = cdp.send('Page.navigate', { url: 'x' });
    reply({ id: 1, error: { code: -32000, message: 'Cannot navigate to invalid URL' } });
    await expect(navigation).rejects.toMatchObject({ kind: 'protocol', message: 'Page.navigate: Cannot navigate to invalid URL' });
  });

  it('passes events, with their session, to listeners', async () => {
    const { cdp, reply } = pipePair();
    const events: CdpEvent[] = [];
    cdp.onEvent((event) => events.push(event));
    reply({ method: 'Inspector.targetCrashed', params: {}, sessionId: 'S1' });
    reply({ method: 'Target.targetCrashed', params: { targetId: 'T1', status: 'crashed' } });
    await tick();
    expect(events).toEqual([
      { method: 'Inspector.targetCrashed', params: {}, sessionId: 'S1' },
      { method: 'Target.targetCrashed', params: { targetId: 'T1', status: 'crashed' } },
    ]);
  });

  it('times out a command that gets no answer', async () => {
    const { cdp } = pipePair();
    await expect(cdp.send('Runtime.evaluate', {}, { timeoutMs: 20 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('fails pending and later commands once the pipe closes, and says so once', async () => {
    const { cdp, fromBrowser } = pipePair();
    const reasons: string[] = [];
    cdp.onClose((reason) => reasons.push(reason));
    const pending = cdp.send('Runtime.evaluate');
    fromBrowser.end();
    await expect(pending).rejects.toBeInstanceOf(CdpError);
    await expect(cdp.send('Browser.getVersion')).rejects.toMatchObject({ kind: 'closed' });
    expect(reasons).toEqual(['pipe closed']);
    expect(cdp.closed).toBe(true);
  });

  it('skips an unreadable message and goes on', async () => {
    const { cdp, reply, fromBrowser } = pipePair();
    const version = cdp.send('Browser.getVersion');
    fromBrowser.write('not json\0');
    reply({ id: 1, result: {} });
    expect(await version).toEqual({});
  });
});
