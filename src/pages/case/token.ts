/** The same shape the server accepts: anything else cannot be a receipt's link, so no request is made. */
const CASE_PATH = /^\/case\/([A-Za-z0-9_-]{16,64})\/?$/;

export function caseTokenFrom(pathname: string): string | null {
  return CASE_PATH.exec(pathname)?.[1] ?? null;
}
