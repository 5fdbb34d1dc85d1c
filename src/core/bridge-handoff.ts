/**
 * How kiosk-shell hands the bridge address and token to the kiosk page without a URL. Chromium
 * writes the URLs it opens to the profile on disk (History, Sessions, metrics), where any local
 * process could read the token and join the bridge (issue 13, finding 7). So the shell opens the
 * plain kiosk origin and, over its DevTools pipe, has every new document of that origin define a
 * one-shot global of this name holding `{ url, token }`; the page reads it once, and it is gone.
 * A page opened by hand still takes the `#bridge=…&token=…` fragment (DESIGN.md, "Kiosk URL").
 */
export const BRIDGE_HANDOFF_GLOBAL = '__kiosk24BridgeLaunch';

export interface BridgeLaunch {
  url: string;
  token: string;
}

/** Only a loopback WebSocket: a launch naming any other host would send the token off the terminal. */
const LOOPBACK_WS = /^ws:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/.*)?$/;

export function parseBridgeLaunch(url: unknown, token: unknown): BridgeLaunch | null {
  if (typeof url !== 'string' || typeof token !== 'string' || !token || !LOOPBACK_WS.test(url)) return null;
  return { url, token };
}
