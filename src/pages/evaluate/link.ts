import type { SubjectKind } from '../../core/evaluation.ts';

/** The same shapes the server accepts: anything else is no evaluation link, and no request is made. */
const EVALUATE_PATH = /^\/evaluate\/(case|ticket)\/([A-Za-z0-9_-]{16,64})\/?$/;

export function subjectFromPath(pathname: string): { kind: SubjectKind; token: string } | null {
  const match = EVALUATE_PATH.exec(pathname);
  return match ? { kind: match[1] as SubjectKind, token: match[2]! } : null;
}
