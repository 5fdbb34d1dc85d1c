import { describe, expect, it } from 'vitest';
import { startCaptureServer } from './capture-server.ts';
import { openReceiptPrinter, parsePrinterTarget } from './open-printer.ts';

describe('--printer option', () => {
  it.each([
    ['tcp:192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp:[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    ['serial:/dev/ttyUSB1', { kind: 'serial', path: '/dev/ttyUSB1' }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
    ['virtual:data/receipts', { kind: 'virtual', dir: 'data/receipts' }],
  ])('reads %s', (option, target) => {
    expect(parsePrinterTarget(option)).toEqual(target);
  });

  it.each(['tcp:host', 'tcp:host:0', 'tcp:host:70000', 'usb:/dev/lp0', 'virtual:', ''])('refuses %j', (option) => {
    expect(parsePrinterTarget(option)).toBeNull();
  });

  it("opens a working printer from the capture server's target", async () => {
    const server = await startCaptureServer();
    const { printer } = openReceiptPrinter(parsePrinterTarget(server.target)!, { pollIntervalMs: 0 });
    printer.start();
    expect(await printer.print({ jobId: 'a', document: { items: [{ type: 'text', text: '取号成功' }] } })).toEqual({ ok: true, state: 'ready' });
    expect(server.text()).toContain('取号成功');
    await printer.stop();
    await server.close();
  });
});
