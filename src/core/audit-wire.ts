/**
 * The audit trail on the wire: GET /api/v1/admin/audit answers a page of entries, newest first.
 * The server's TypeBox schema (src/server/routes/admin.ts) and the admin page's parser
 * (src/pages/admin/audit-api.ts) describe this shape.
 */

/** Who acted: a staff member (by session or login), a terminal (by device token), or the hall itself. */
export type AuditActorKind = 'staff' | 'terminal' | 'system';

/** `refused`: turned away before it was tried (locked account, address blocked, cross-origin). */
export type AuditOutcome = 'success' | 'failure' | 'refused';

/**
 * Actions the hall records today. The set is open: other parts of the server record their own
 * (e.g. a terminal suspended by its limits) and the page shows an unknown action as its code.
 */
export const AUDIT_ACTIONS = {
  login: 'staff.login',
  lockout: 'staff.lockout',
  logout: 'staff.logout',
  addressBlocked: 'login.address-blocked',
  revokeTerminal: 'terminal.revoke',
  resolveRectification: 'rectification.resolve',
  fileAppeal: 'appeal.file',
  decideAppeal: 'appeal.decide',
  mintDemoCode: 'demo-code.mint',
  crossOrigin: 'request.cross-origin',
  suspendTerminal: 'terminal.suspend',
  resumeTerminal: 'terminal.resume',
  reenrollTerminal: 'terminal.enrollment-code',
  identityRefused: 'identity.refused',
} as const;

export interface AuditEntryView {
  id: string;
  /** ISO instant. */
  at: string;
  actorKind: AuditActorKind;
  actorId: string | null;
  /** Username or terminal name. */
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  /** A stable code saying why, e.g. `wrong-password`. */
  detail: string | null;
  clientAddress: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
