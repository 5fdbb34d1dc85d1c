import { describe, expect, it } from 'vitest';
import { parseShellOptions } from '../../options.ts';
import { startCaptureServer } from './capture-server.ts';
import { openReceiptPrinter } from './open-printer.ts';

describe('openReceiptPrinter', () => {
  it("opens a working printer from the capture server's --printer option", async () => {
    const server = await startCaptureServer();
    const parsed = parseShellOptions(['--origin', 'http://127.0.0.1:8080', '--printer', server.target]);
    if (!parsed.ok || parsed.options.printer.kind === 'none') throw new Error('the capture server target did not parse');
    const { printer } = openReceiptPrinter(parsed.options.printer, { pollIntervalMs: 0 });
    printer.start();
    expect(await printer.print({ jobId: 'a', document: { items: [{ type: 'text', text: '取号成功' }] } })).toEqual({ ok: true, state: 'ready' });
    expect(server.text()).toContain('取号成功');
    await printer.stop();
    await server.close();
  });
});
