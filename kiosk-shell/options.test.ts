import { describe, expect, it } from 'vitest';
import { kioskUrl, parseShellOptions } from './options.ts';

const error = (argv: string[]) => {
  const parsed = parseShellOptions(argv);
  return parsed.ok ? null : parsed.error;
};

describe('the kiosk-shell command line', () => {
  it('reads every device option into typed values, with the documented defaults', () => {
    const parsed = parseShellOptions([
      '--server', 'http://127.0.0.1:8080/', '--reader', 'serial:/dev/serial/by-id/sam', '--printer', 'tcp:192.168.1.50:9100',
      '--scanner', 'serial:/dev/ttyACM0', '--doc-printer', 'cups:Office_A4', '--no-browser',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        server: 'http://127.0.0.1:8080/',
        bridgePort: 7801,
        origin: 'http://127.0.0.1:8080',
        reader: { kind: 'serial', path: '/dev/serial/by-id/sam' },
        printer: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
        scanner: { kind: 'serial', path: '/dev/ttyACM0' },
        docPrinter: { kind: 'cups', queue: 'Office_A4' },
        noBrowser: true,
        help: false,
      },
    });
    const other = parseShellOptions(['--origin', 'https://kiosk.local', '--reader', 'sim', '--printer', 'virtual:/tmp/tickets', '--doc-printer', 'pdf:/tmp/a4', '--bridge-port', '0']);
    expect(other.ok && other.options).toMatchObject({
      origin: 'https://kiosk.local', bridgePort: 0, reader: { kind: 'sim' }, printer: { kind: 'virtual', dir: '/tmp/tickets' },
      scanner: { kind: 'none' }, docPrinter: { kind: 'pdf', dir: '/tmp/a4' },
    });
  });

  it('refuses bad values with a message naming the option', () => {
    expect(error(['--reader', 'sim'])).toMatch(/--origin URL is required/);
    expect(error(['--origin', 'http://a', '--reader', 'usb'])).toMatch(/--reader must be one of serial:PATH, sim, none, not "usb"/);
    expect(error(['--origin', 'http://a', '--reader', 'serial:'])).toMatch(/--reader serial: needs a value/);
    expect(error(['--origin', 'http://a', '--printer', 'tcp:host'])).toMatch(/--printer tcp: needs HOST:PORT/);
    expect(error(['--origin', 'http://a', '--printer', 'tcp:host:99999'])).toMatch(/port number/);
    expect(error(['--origin', 'http://a', '--bridge-port', 'abc'])).toMatch(/--bridge-port must be a port number/);
    expect(error(['--origin', 'http://a/kiosk'])).toMatch(/--origin must be an origin/);
    expect(error(['--origin', 'ftp://a'])).toMatch(/http:\/\/ or https:\/\//);
    expect(error(['--origin', 'http://a', '--scanner', 'hid:x'])).toMatch(/--scanner must be one of/);
    expect(error(['--origin', 'http://a', '--doc-printer', 'lpr:x'])).toMatch(/--doc-printer must be one of/);
    expect(error(['--origin', 'http://a', '--frobnicate'])).toMatch(/frobnicate/);
  });

  it('puts the bridge address and token in the fragment of the kiosk URL', () => {
    expect(kioskUrl('http://127.0.0.1:8080', 'ws://127.0.0.1:7801', 'a&b')).toBe(
      'http://127.0.0.1:8080/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=a%26b',
    );
  });
});
