/** The shape of the hall's copy ids (24 base64url characters): anything else is no copy, and no request is made. */
const VERIFY_PATH = /^\/verify\/([A-Za-z0-9_-]{24})\/?$/;

export function copyIdFrom(pathname: string): string | null {
  return VERIFY_PATH.exec(pathname)?.[1] ?? null;
}
