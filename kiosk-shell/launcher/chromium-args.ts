/**
 * The command line Chromium is started with on a terminal. The kiosk URL is not on it: Chromium
 * starts on about:blank, and the launcher first hands the page the bridge launch over the
 * DevTools pipe (never in a URL or on a command line, which `ps` and the profile would show),
 * then navigates it to the kiosk URL.
 */

/** Always on a terminal: one fullscreen window that looks like no browser at all (DESIGN.md, "Non-negotiables"). */
export const KIOSK_ARGS: readonly string[] = [
  '--kiosk',
  // window.print() goes straight to the default printer, without a dialog.
  '--kiosk-printing',
  '--noerrdialogs',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-translate',
  '--no-first-run',
  '--no-default-browser-check',
  // The hall display and voice prompts speak without a first touch.
  '--autoplay-policy=no-user-gesture-required',
  // After a crash or a watchdog kill, no "Restore pages?" bubble over the kiosk page.
  '--hide-crash-restore-bubble',
  // No desktop keyring dialog ("unlock login keyring") on a machine nobody logs in to.
  '--password-store=basic',
  // The watchdog's channel: DevTools on fds 3 and 4, no listening port for other local software.
  '--remote-debugging-pipe',
];

/** Features switched off on a terminal; merged with any the extra arguments name, since Chromium reads only the last --disable-features. */
export const DISABLED_FEATURES: readonly string[] = ['Translate'];

export interface ChromiumArgsOptions {
  profileDir: string;
  /** Appended after the kiosk arguments (tests add --headless=new, --no-sandbox and so on). */
  extraArgs?: readonly string[];
}

export function chromiumArgs(options: ChromiumArgsOptions): string[] {
  const disabled = new Set(DISABLED_FEATURES);
  const extra: string[] = [];
  for (const arg of options.extraArgs ?? []) {
    const features = /^--disable-features=(.*)$/.exec(arg);
    if (!features) {
      extra.push(arg);
      continue;
    }
    for (const feature of features[1]!.split(',')) if (feature) disabled.add(feature);
  }
  return [
    ...KIOSK_ARGS,
    `--disable-features=${[...disabled].join(',')}`,
    `--user-data-dir=${options.profileDir}`,
    ...extra,
    // The page the launcher then navigates to the kiosk URL.
    'about:blank',
  ];
}
