/**
 * The script kiosk-shell registers over the DevTools pipe (`Page.addScriptToEvaluateOnNewDocument`)
 * to hand the bridge launch to the kiosk page without a URL (src/core/bridge-handoff.ts). Chromium
 * keeps it in memory for the life of the page's DevTools session and runs it before any script of
 * every new document, so reloads and navigations get the launch again and nothing reaches the disk.
 *
 * It defines the global only in the top frame of the kiosk origin: an error page, another origin
 * or an iframe gets nothing. The global is a non-enumerable getter that deletes itself on the first
 * read, so a script that runs after the PWA has taken the launch finds nothing.
 */
import { BRIDGE_HANDOFF_GLOBAL, type BridgeLaunch } from '../../src/core/bridge-handoff.ts';

export function bridgeHandoffScript(kioskOrigin: string, launch: BridgeLaunch): string {
  const name = JSON.stringify(BRIDGE_HANDOFF_GLOBAL);
  return `(() => {
  if (window !== window.top || location.origin !== ${JSON.stringify(kioskOrigin)}) return;
  let launch = Object.freeze(${JSON.stringify({ url: launch.url, token: launch.token })});
  Object.defineProperty(window, ${name}, {
    configurable: true,
    enumerable: false,
    get() {
      const taken = launch;
      launch = null;
      delete window[${name}];
      return taken;
    },
  });
})();`;
}
