/** The same shape the server accepts: anything else cannot be a ticket link, so no request is made. */
const TRACK_PATH = /^\/track\/([A-Za-z0-9_-]{16,64})\/?$/;

export function trackTokenFrom(pathname: string): string | null {
  return TRACK_PATH.exec(pathname)?.[1] ?? null;
}
