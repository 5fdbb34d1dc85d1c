import { describe, expect, it } from 'vitest';
import { parseAppMessage, parseJson, parseShellMessage } from './bridge-messages.ts';

describe('bridge messages', () => {
  it('reads a print request with a valid receipt, and keeps the jobId of an invalid one so it can be answered', () => {
    const document = { items: [{ type: 'text', text: 'A012' }] };
    expect(parseAppMessage({ type: 'print', jobId: 'j1', device: 'receipt', document })).toEqual({
      ok: true,
      message: { type: 'print', jobId: 'j1', device: 'receipt', document },
    });
    expect(parseAppMessage({ type: 'print', jobId: 'j2', device: 'fax', document })).toEqual({ ok: false, code: 'invalid', of: 'print', jobId: 'j2' });
    expect(parseAppMessage({ type: 'print', jobId: '', device: 'receipt', document })).toEqual({ ok: false, code: 'invalid', of: 'print' });
    expect(parseAppMessage(parseJson('{oops'))).toEqual({ ok: false, code: 'malformed' });
    expect(parseAppMessage({ type: 'reboot' })).toEqual({ ok: false, code: 'unknown-type', of: 'reboot' });
  });

  it('refuses shell messages that are not of their shape', () => {
    expect(parseShellMessage({ type: 'device.status', device: 'reader', state: 'on-fire' })).toBe(null);
    expect(parseShellMessage({ type: 'device.status', device: 'reader', state: 'error', reason: 'Free text' })).toBe(null);
    expect(parseShellMessage({ type: 'card', card: { name: 'x' } })).toBe(null);
    expect(parseShellMessage({ type: 'card.refused', reason: 'bored' })).toBe(null);
    expect(parseShellMessage({ type: 'print.failed', jobId: 'j', reason: 'paper-out' })).toEqual({ type: 'print.failed', jobId: 'j', reason: 'paper-out' });
    expect(parseShellMessage({ type: 'hello', versions: { shell: '1', protocol: 1 }, devices: { reader: 'ready' } })).toBe(null);
  });

  it('reads the demo messages of a shell on simulated devices, and refuses odd card names and images', () => {
    expect(parseAppMessage({ type: 'demo.insert', card: 'elder' })).toEqual({ ok: true, message: { type: 'demo.insert', card: 'elder' } });
    expect(parseAppMessage({ type: 'demo.insert', card: '../etc' })).toEqual({ ok: false, code: 'invalid', of: 'demo.insert' });
    expect(parseAppMessage({ type: 'demo.remove' })).toEqual({ ok: true, message: { type: 'demo.remove' } });
    expect(parseShellMessage({ type: 'demo', cards: ['citizen'], virtualPrinter: false })).toEqual({ type: 'demo', cards: ['citizen'], virtualPrinter: false });
    expect(parseShellMessage({ type: 'demo', cards: ['<b>'], virtualPrinter: false })).toBe(null);
    expect(parseShellMessage({ type: 'demo.lastReceipt', png: null })).toEqual({ type: 'demo.lastReceipt', png: null });
    expect(parseShellMessage({ type: 'demo.lastReceipt', png: 'not base64!' })).toBe(null);
  });
});
