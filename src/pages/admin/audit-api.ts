import type { AuditEntryView, AuditPage } from '../../core/audit-wire.ts';
import { requestJson, type ApiResult } from '../shared/api.ts';
import { array, literal, nullable, object, string, type Parser } from '../shared/parse.ts';

const AuditEntry: Parser<AuditEntryView> = object({
  id: string,
  at: string,
  actorKind: literal('staff', 'terminal', 'system'),
  actorId: nullable(string),
  actorName: nullable(string),
  action: string,
  target: nullable(string),
  outcome: literal('success', 'failure', 'refused'),
  detail: nullable(string),
  clientAddress: nullable(string),
});

const Page: Parser<AuditPage> = object({ entries: array(AuditEntry), next: nullable(string) });

/** A page of the audit trail, newest first; `before` is the `next` of the page above it. */
export const fetchAudit = (before: string | null): Promise<ApiResult<AuditPage>> =>
  requestJson(`/admin/audit${before === null ? '' : `?before=${encodeURIComponent(before)}`}`, Page);
