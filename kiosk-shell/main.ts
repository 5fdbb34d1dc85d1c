/**
 * `npm run shell -- [options]`: starts the device bridge and the devices, prints
 * `{"bridge":"ws://127.0.0.1:N"}` as the first line on stdout (scripts read it), then opens the
 * kiosk page in Chromium under the watchdog (not with --no-browser). Logs go to the rotating
 * files under --log-dir and to stderr, scrubbed of personal data either way.
 */
import { createInterface } from 'node:readline';
import { clockFromPin } from '../src/core/clock.ts';
import { DEMO_CARDS } from './drivers/sam-reader/demo-cards.ts';
import { browserUserOf, type BrowserUser } from './launcher/browser-user.ts';
import { startKioskBrowser } from './launcher/kiosk-browser.ts';
import type { Watchdog } from './launcher/watchdog.ts';
import { RotatingLog } from './logging/rotating-log.ts';
import { createShellLog, type Log } from './logging/shell-log.ts';
import { kioskUrl, parseShellOptions, USAGE, type ShellOptions } from './options.ts';
import { isDemoCardName, startShell, type Shell } from './shell.ts';

/** The rotating log file and stderr; a failing file write is reported on stderr once per kind of error. */
function openShellLog(dir: string): { log: Log; file: RotatingLog } | { error: string } {
  const reported = new Set<string>();
  let file: RotatingLog;
  try {
    file = new RotatingLog({
      dir,
      onError: (error) => {
        const code = error.code ?? error.message;
        if (reported.has(code)) return;
        reported.add(code);
        process.stderr.write(`kiosk-shell: cannot write the log file in ${dir} (${code}); logging to stderr only until it works again\n`);
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { error: `cannot write logs to ${dir} (${code}); choose another --log-dir` };
  }
  const log = createShellLog({ sinks: [(line) => file.write(line), (line) => process.stderr.write(`${line}\n`)] });
  return { log, file };
}

function startBrowser(options: ShellOptions, shell: Shell, log: Log, user: BrowserUser | null): Watchdog {
  log(`browser: starting ${options.chromium} in kiosk mode (profile ${options.profileDir}${user ? `, as user ${user.name}` : ''})`);
  return startKioskBrowser({
    ...(user ? { user } : {}),
    chromium: options.chromium,
    profileDir: options.profileDir,
    url: `${options.origin}/`,
    bridgeLaunch: { url: shell.bridgeUrl, token: shell.token },
    extraArgs: options.chromiumArgs,
    nightlyRestart: options.nightlyRestart,
    timings: { readyTimeoutMs: options.readyTimeoutMs },
    // KIOSK_NOW pins the nightly restart time along with the rest of the shell.
    clock: clockFromPin(process.env.KIOSK_NOW, () => performance.now()),
    log,
  });
}

/** With `--reader sim`, lines on stdin insert and remove demo cards, as a citizen would. */
function controlSimulatorFromStdin(shell: Shell, log: Log): void {
  const simulator = shell.simulator;
  if (!simulator) return;
  const names = Object.keys(DEMO_CARDS).join('|');
  log(`reader simulator: type "insert <${names}>" or "remove" and Enter`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, name = 'citizen'] = line.trim().split(/\s+/);
    if (command === 'insert' && isDemoCardName(name)) {
      simulator.insert(name);
      log(`reader simulator: demo card "${name}" inserted`);
    } else if (command === 'remove') {
      simulator.remove();
      log('reader simulator: card removed');
    } else if (command) {
      log(`reader simulator: unknown command (insert <${names}> | remove)`);
    }
  });
}

async function main(): Promise<number> {
  const parsed = parseShellOptions(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`kiosk-shell: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const opened = openShellLog(options.logDir);
  if ('error' in opened) {
    process.stderr.write(`kiosk-shell: ${opened.error}\n`);
    return 1;
  }
  const { log, file } = opened;
  const browserUser = options.noBrowser ? ({ ok: true, user: null } as const) : browserUserOf(options.browserUser, process.getuid?.(), log);
  if (!browserUser.ok) {
    process.stderr.write(`kiosk-shell: ${browserUser.error}\n`);
    file.close();
    return 2;
  }
  let shell: Shell;
  try {
    shell = await startShell(options, { log });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log(`cannot start the bridge on 127.0.0.1:${options.bridgePort}${code ? ` (${code})` : ''}`);
    file.close();
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ bridge: shell.bridgeUrl })}\n`);
  let browser: Watchdog | null = null;
  if (options.noBrowser) {
    // The URL carries the token: it goes to the operator's terminal, never to a log file.
    process.stderr.write(`kiosk URL: ${kioskUrl(options.origin, shell.bridgeUrl, shell.token)}\n`);
  } else {
    browser = startBrowser(options, shell, log, browserUser.user);
  }
  controlSimulatorFromStdin(shell, log);
  const stop = async (signal: string) => {
    log(`stopping (${signal})`);
    // Chromium first: the page must not see its bridge vanish and log device errors on the way out.
    await browser?.stop();
    await shell.stop();
    file.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

const code = await main();
if (code >= 0) process.exit(code);
