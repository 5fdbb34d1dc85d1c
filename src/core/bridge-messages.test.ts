import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_MESSAGE_BYTES, MAX_MESSAGE_BYTES, MAX_PDF_BYTES, parseAppMessage, parseJson, parseShellMessage } from './bridge-messages.ts';

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

  it('refuses a message over the limit of its type as too-large, keeping a print jobId to answer', () => {
    const document = { items: [{ type: 'text', text: 'A012' }] };
    const pdf = { pdf: 'JVBERi0=' };
    // Only a document print may be large: an 8 MB PDF in base64 fits, a receipt of 300 KB does not.
    expect(parseAppMessage({ type: 'print', jobId: 'd1', device: 'document', document: pdf }, MAX_DOCUMENT_MESSAGE_BYTES)).toMatchObject({ ok: true });
    expect(parseAppMessage({ type: 'print', jobId: 'd2', device: 'document', document: pdf }, MAX_DOCUMENT_MESSAGE_BYTES + 1)).toEqual({
      ok: false,
      code: 'too-large',
      of: 'print',
      jobId: 'd2',
    });
    expect(parseAppMessage({ type: 'print', jobId: 'r1', device: 'receipt', document }, MAX_MESSAGE_BYTES + 1)).toEqual({ ok: false, code: 'too-large', of: 'print', jobId: 'r1' });
    expect(parseAppMessage({ type: 'demo.remove' }, MAX_MESSAGE_BYTES + 1)).toEqual({ ok: false, code: 'too-large', of: 'demo.remove' });
    expect(MAX_DOCUMENT_MESSAGE_BYTES).toBeGreaterThan((MAX_PDF_BYTES * 4) / 3);
    // A PDF over 8 MB is no valid document, whatever size the message claims.
    const tooLong = { pdf: 'A'.repeat(Math.ceil(MAX_PDF_BYTES / 3) * 4 + 4) };
    expect(parseAppMessage({ type: 'print', jobId: 'd3', device: 'document', document: tooLong })).toEqual({ ok: false, code: 'invalid', of: 'print', jobId: 'd3' });
  });

  it('reads the reason and line errors of a device, in device.status and in hello', () => {
    const lineErrors = { frames: 10, badChecksums: 1, badLengths: 0, garbageBytes: 3 };
    expect(parseShellMessage({ type: 'device.status', device: 'reader', state: 'error', reason: 'no-reply', lineErrors })).toEqual({
      type: 'device.status',
      device: 'reader',
      state: 'error',
      reason: 'no-reply',
      lineErrors,
    });
    expect(parseShellMessage({ type: 'device.status', device: 'reader', state: 'ready', lineErrors: { ...lineErrors, frames: -1 } })).toBe(null);
    expect(parseShellMessage({ type: 'device.status', device: 'reader', state: 'ready', lineErrors: { frames: 1 } })).toBe(null);
    const hello = { type: 'hello', versions: { shell: '1', protocol: 1 }, devices: { reader: 'error', scanner: 'absent', printer: 'error', docPrinter: 'ready' } };
    const details = { reader: { reason: 'unplugged', lineErrors }, printer: { reason: 'font-missing' } };
    expect(parseShellMessage({ ...hello, details })).toEqual({ ...hello, details });
    expect(parseShellMessage(hello)).toEqual(hello);
    expect(parseShellMessage({ ...hello, details: { toaster: { reason: 'x' } } })).toBe(null);
    expect(parseShellMessage({ ...hello, details: { reader: { reason: 'Free text' } } })).toBe(null);
  });
});
