import { describe, expect, it } from 'vitest';
import { chromiumArgs } from './chromium-args.ts';

describe('the Chromium command line', () => {
  it('has the kiosk switches, the own profile and the DevTools pipe, and opens about:blank, not the kiosk URL', () => {
    const args = chromiumArgs({ profileDir: '/var/lib/kiosk24/profile' });
    expect(args).toEqual(expect.arrayContaining([
      '--kiosk', '--kiosk-printing', '--noerrdialogs', '--disable-pinch', '--overscroll-history-navigation=0',
      '--disable-translate', '--disable-features=Translate', '--no-first-run', '--no-default-browser-check',
      '--autoplay-policy=no-user-gesture-required', '--user-data-dir=/var/lib/kiosk24/profile', '--remote-debugging-pipe',
    ]));
    expect(args.at(-1)).toBe('about:blank');
    expect(args.some((arg) => arg.startsWith('--remote-debugging-port'))).toBe(false);
  });

  it('appends extra arguments and merges extra disabled features into the one switch Chromium reads', () => {
    const args = chromiumArgs({ profileDir: '/p', extraArgs: ['--headless=new', '--disable-features=Foo,Bar', '--no-sandbox'] });
    expect(args.filter((arg) => arg.startsWith('--disable-features='))).toEqual(['--disable-features=Translate,Foo,Bar']);
    expect(args.slice(-3)).toEqual(['--headless=new', '--no-sandbox', 'about:blank']);
  });
});
