/**
 * The terminal never leaves its own origin: a link to anywhere else would strand a citizen on a
 * page without the kiosk's frame, exit button or idle reset.
 */
export function isNavigationAllowed(target: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return false;
  }
  return url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:');
}
