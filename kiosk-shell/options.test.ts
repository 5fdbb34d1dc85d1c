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
        chromium: '/usr/bin/chromium',
        chromiumArgs: [],
        profileDir: 'data/kiosk-profile',
        browserUser: null,
        stateDir: 'data/kiosk-shell',
        enroll: null,
        logDir: 'data/logs',
        nightlyRestart: null,
        readyTimeoutMs: 60_000,
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

  it.each([
    ['tcp:192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp:[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    ['tcp:printer.hall.local:9100', { kind: 'tcp', host: 'printer.hall.local', port: 9100 }],
    ['serial:/dev/ttyUSB1', { kind: 'serial', path: '/dev/ttyUSB1' }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
    ['virtual:data/receipts', { kind: 'virtual', dir: 'data/receipts' }],
  ])('reads --printer %s', (option, printer) => {
    const parsed = parseShellOptions(['--origin', 'http://a', '--printer', option]);
    expect(parsed.ok && parsed.options.printer).toEqual(printer);
  });

  it.each(['tcp:host', 'tcp::9100', 'tcp:[]:9100', 'tcp:host:0', 'tcp:host:70000', 'usb:/dev/lp0', 'virtual:', ''])('refuses --printer %j with a message', (option) => {
    expect(error(['--origin', 'http://a', '--printer', option])).toMatch(/^--printer /);
  });

  it('reads the launcher and log options', () => {
    const parsed = parseShellOptions([
      '--origin', 'http://127.0.0.1:8080', '--chromium', '/opt/chromium/chrome', '--profile-dir', '/var/lib/kiosk24/profile',
      '--log-dir', '/var/log/kiosk24', '--nightly-restart', '03:30', '--ready-timeout', '90',
      '--chromium-arg=--force-device-scale-factor=1.5', '--chromium-arg=--touch-events=enabled',
    ]);
    expect(parsed.ok && parsed.options).toMatchObject({
      chromium: '/opt/chromium/chrome',
      chromiumArgs: ['--force-device-scale-factor=1.5', '--touch-events=enabled'],
      profileDir: '/var/lib/kiosk24/profile',
      logDir: '/var/log/kiosk24',
      nightlyRestart: { hour: 3, minute: 30 },
      readyTimeoutMs: 90_000,
    });
  });

  it('reads where the device key lives and a one-time enrollment code, and refuses a code of the wrong shape', () => {
    const parsed = parseShellOptions(['--origin', 'http://127.0.0.1:8080', '--state-dir', '/var/lib/kiosk24/shell', '--enroll', 'K7Q2-M9XP']);
    expect(parsed.ok && parsed.options).toMatchObject({ stateDir: '/var/lib/kiosk24/shell', enroll: 'K7Q2-M9XP' });
    expect(error(['--origin', 'http://a', '--enroll', 'K7Q2 M9XP; rm'])).toMatch(/--enroll must be the one-time code the fleet page shows/);
    expect(error(['--origin', 'http://a', '--state-dir', ''])).toMatch(/--state-dir needs a value/);
  });

  it('refuses bad launcher and log values with a message naming the option', () => {
    const base = ['--origin', 'http://a'];
    expect(error([...base, '--nightly-restart', '3:30'])).toMatch(/--nightly-restart must be a 24-hour China time HH:MM such as 03:30, not "3:30"/);
    expect(error([...base, '--nightly-restart', '24:00'])).toMatch(/--nightly-restart must be/);
    expect(error([...base, '--ready-timeout', '0'])).toMatch(/--ready-timeout must be whole seconds 1–3600, not "0"/);
    expect(error([...base, '--ready-timeout', '1.5'])).toMatch(/--ready-timeout must be whole seconds/);
    expect(error([...base, '--ready-timeout', '7200'])).toMatch(/--ready-timeout must be whole seconds/);
    expect(error([...base, '--chromium', ''])).toMatch(/--chromium needs a value/);
    expect(error([...base, '--log-dir', ' '])).toMatch(/--log-dir needs a value/);
    expect(error([...base, '--chromium-arg=kiosk'])).toMatch(/--chromium-arg must be a Chromium switch starting with --/);
    expect(error([...base, '--chromium-arg=--remote-debugging-port=9222'])).toMatch(/--chromium-arg cannot set --remote-debugging-port: the launcher sets it/);
    expect(error([...base, '--chromium-arg=--user-data-dir=/tmp/x'])).toMatch(/cannot set --user-data-dir/);
    // A value that starts with a dash must be joined with "=", as parseArgs explains.
    expect(error([...base, '--chromium-arg', '--headless=new'])).toMatch(/--chromium-arg/);
  });

  it('puts the bridge address and token in the fragment of the kiosk URL', () => {
    expect(kioskUrl('http://127.0.0.1:8080', 'ws://127.0.0.1:7801', 'a&b')).toBe(
      'http://127.0.0.1:8080/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=a%26b',
    );
  });
});
