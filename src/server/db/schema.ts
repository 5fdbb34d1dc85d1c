import type { Insertable, Selectable } from 'kysely';

/**
 * The hall database, the same on SQLite and PostgreSQL. Instants are epoch milliseconds
 * (bigint on PostgreSQL, read back as numbers), flags are 0/1 integers, structured values JSON text.
 */
export interface Database {
  terminals: TerminalTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  categories: CategoryTable;
  windows: WindowTable;
  service_items: ServiceItemTable;
  appointments: AppointmentTable;
  ticket_counters: TicketCounterTable;
  tickets: TicketTable;
  number_leases: NumberLeaseTable;
  hall_settings: HallSettingTable;
  identity_providers: IdentityProviderTable;
  identity_code_uses: IdentityCodeUseTable;
  certificates: CertificateTable;
  certificate_consents: CertificateConsentTable;
  certificate_copies: CertificateCopyTable;
  usage_log: UsageLogTable;
  usage_log_head: UsageLogHeadTable;
  case_counters: CaseCounterTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_suspensions: CaseSuspensionTable;
  supervision_cards: SupervisionCardTable;
  card_appeals: CardAppealTable;
  evaluations: EvaluationTable;
  rectifications: RectificationTable;
  lookup_failures: LookupFailureTable;
  admin_pin_stretches: AdminPinStretchTable;
  audit_log: AuditLogTable;
  login_throttle: LoginThrottleTable;
  terminal_sessions: TerminalSessionTable;
  proof_uses: ProofUseTable;
  identity_uses: IdentityUseTable;
  terminal_alerts: TerminalAlertTable;
}

export interface TerminalTable {
  id: string;
  name: string;
  enroll_code_hash: string | null;
  enroll_expires_at: number | null;
  token_hash: string | null;
  enrolled_at: number | null;
  revoked_at: number | null;
  app_version: string | null;
  device_states: string | null;
  paper_state: string | null;
  outbox_depth: number | null;
  last_error: string | null;
  last_heartbeat_at: number | null;
  created_at: number;
  /** JSON public JWK (P-256) of the device key kiosk-shell made at enrollment; null for a plain browser. */
  device_key: string | null;
  /** RFC 7638 thumbprint of device_key. */
  key_id: string | null;
  key_enrolled_at: number | null;
  /** Set by the per-terminal limits: no identity is accepted from the terminal until an admin lifts it. */
  suspended_at: number | null;
  suspended_reason: string | null;
  /** The limits count identities from here on: an admin who lifts a suspension starts them afresh. */
  limits_since: number | null;
}

export interface TerminalSessionTable {
  token_hash: string;
  terminal_id: string;
  created_at: number;
  expires_at: number;
}

export interface ProofUseTable {
  /** SHA-256 of what the proof is: a card assertion's key and counter, a consent, an identity code. */
  use_key: string;
  /** The request it served (`consent:<clientId>`, `case:<clientId>`): a repeat of that request may use it again. */
  used_by: string;
  terminal_id: string;
  expires_at: number;
}

export interface IdentityUseTable {
  id: string;
  terminal_id: string;
  holder_hash: string;
  /** When the holder was identified (a queued case: when its proof was made, not when it arrived). */
  at: number;
}

export interface TerminalAlertTable {
  id: string;
  terminal_id: string;
  at: number;
  kind: 'distinct-holders' | 'consents-per-minute';
  observed: number;
  limit_value: number;
}

export interface StaffTable {
  id: string;
  username: string;
  display_name: string;
  role: 'staff' | 'admin';
  password_hash: string;
  created_at: number;
}

export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  window_number: number | null;
  expires_at: number;
}

export interface CategoryTable {
  code: string;
  prefix: string;
  name_zh_cn: string;
  name_zh_tw: string;
  name_en: string;
  daily_quota: number;
  /** JSON CategoryHours */
  hours: string;
  sort_order: number;
}

export interface WindowTable {
  number: number;
  /** JSON string[] of category codes served here */
  category_codes: string;
  name: string;
}

export interface ServiceItemTable {
  code: string;
  category_code: string;
  kiosk_submittable: number;
  /** JSON ServiceItem (all service-guide fields) */
  document: string;
  sort_order: number;
}

export interface AppointmentTable {
  code: string;
  category_code: string;
  /** HMAC of the holder's ID number: appointments are matched, never read back. */
  holder_hash: string;
  service_date: string;
  starts_at: number;
  ends_at: number;
  used_ticket_id: string | null;
}

export interface TicketCounterTable {
  category_code: string;
  service_date: string;
  /** Last number handed out online (1, 2, 3 …). */
  last_seq: number;
  /** Last number leased to a terminal for offline use (LEASE_BASE + 1 …). */
  last_leased_seq: number;
  /** Tickets actually issued that day, for the daily quota (leased numbers count when used). */
  issued: number;
  /** Tickets of the day still waiting, and how many of them are in the priority lane. */
  waiting: number;
  waiting_priority: number;
}

export interface TicketTable {
  id: string;
  client_id: string;
  category_code: string;
  service_date: string;
  session_id: string;
  session_start: string;
  session_end: string;
  seq: number;
  number: string;
  priority: string | null;
  status: 'waiting' | 'called' | 'done' | 'no-show';
  window_number: number | null;
  called_at: number | null;
  finished_at: number | null;
  track_token: string;
  terminal_id: string | null;
  lease_id: string | null;
  issued_at: number;
  created_at: number;
}

export interface NumberLeaseTable {
  id: string;
  terminal_id: string;
  category_code: string;
  service_date: string;
  session_id: string;
  first_seq: number;
  last_seq: number;
  expires_at: number;
  created_at: number;
}

export interface HallSettingTable {
  key: string;
  value: string;
}

export interface IdentityProviderTable {
  issuer: string;
  /** JSON JWKS: the provider's public keys. */
  jwks: string;
  created_at: number;
}

export interface IdentityCodeUseTable {
  /** SHA-256 of issuer and jti. */
  token_key: string;
  terminal_id: string;
  expires_at: number;
}

export interface CertificateTable {
  id: string;
  type_code: string;
  /** HMAC of the holder's ID number or credit code. */
  holder_hash: string;
  number: string;
  /** JSON Certificate (without id). */
  document: string;
  created_at: number;
}

export interface CertificateConsentTable {
  id: string;
  client_id: string;
  token_hash: string;
  terminal_id: string;
  holder_hash: string;
  holder_kind: 'person' | 'enterprise';
  identity_method: 'card' | 'code';
  /** JSON ConsentPurpose: the purpose and its name in every language. */
  purpose: string;
  /** JSON string[] of certificate type codes the consent covers. */
  type_codes: string;
  created_at: number;
  expires_at: number;
  /** When the certificates were first listed under this consent (the retrieval, logged once). */
  retrieved_at: number | null;
  ended_at: number | null;
}

export interface CertificateCopyTable {
  id: string;
  client_id: string;
  consent_id: string;
  certificate_id: string;
  format: 'a4' | 'receipt';
  /** JSON CopyRecord: what the verification page shows. */
  document: string;
  created_at: number;
}

export interface UsageLogTable {
  seq: number;
  at: number;
  holder_hash: string;
  certificate_id: string;
  certificate_type: string;
  action: string;
  user_name: string;
  purpose: string;
  copy_id: string | null;
  prev_hash: string;
  hash: string;
  /** The terminal the use happened at, for the fleet page; outside the chain (user_name names it). */
  terminal_id: string | null;
}

export interface UsageLogHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface CaseCounterTable {
  service_date: string;
  last_seq: number;
}

export interface CaseTable {
  id: string;
  /** ZW + service date + sequence, e.g. ZW20261124000123; made by the database. */
  case_number: string;
  client_id: string;
  item_code: string;
  department: string;
  channel: 'self-service-terminal' | 'window' | 'smart-approval';
  handling: 'manual' | 'non-manual';
  status: 'submitted' | 'accepted' | 'supplement-requested' | 'decided' | 'finished';
  decision: 'approved' | 'refused' | null;
  /** HMAC of the applicant's ID number or credit code. */
  applicant_hash: string;
  applicant_kind: 'person' | 'enterprise';
  /** Name and number masked, as staff lists and receipts show them. */
  applicant_masked: string;
  /** JSON: materials, form values, commitment and signature, deferred materials, result. */
  document: string;
  promised_limit_days: number;
  submitted_at: number;
  accepted_at: number | null;
  /** YYYY-MM-DD: the last working day of the promised limit, counted from acceptance. */
  due_date: string | null;
  decided_at: number | null;
  finished_at: number | null;
  window_number: number | null;
  staff_id: string | null;
  terminal_id: string | null;
  evaluation_token: string;
  created_at: number;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  at: number;
  status: CaseTable['status'];
  note: string | null;
  staff_id: string | null;
}

export interface CaseSuspensionTable {
  id: string;
  case_id: string;
  started_at: number;
  ended_at: number | null;
}

export interface SupervisionCardTable {
  id: string;
  case_id: string;
  color: 'yellow' | 'red';
  issued_at: number;
  department: string;
  window_number: number | null;
  staff_id: string | null;
  revoked_at: number | null;
}

export interface CardAppealTable {
  id: string;
  card_id: string;
  department: string;
  reason: string;
  filed_at: number;
  status: 'pending' | 'approved' | 'rejected';
  decided_at: number | null;
  decided_by: string | null;
}

export interface EvaluationTable {
  id: string;
  client_id: string;
  subject_kind: 'case' | 'ticket';
  /** The case's or the ticket's id. */
  subject_id: string;
  /** 5 非常满意 … 1 非常不满意 */
  level: number;
  reason: string | null;
  comment: string | null;
  /** Where it was given: at a terminal, or on a phone from a receipt's QR. */
  source: 'terminal' | 'phone';
  department: string | null;
  created_at: number;
}

export interface RectificationTable {
  id: string;
  evaluation_id: string;
  department: string;
  due_at: number;
  status: 'open' | 'resolved';
  outcome: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
}

/** Admin and security actions (src/server/services/audit.ts); never a citizen's identity. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_kind: 'staff' | 'terminal' | 'system';
  /** The staff member's or terminal's id; null for a login under a name no account has. */
  actor_id: string | null;
  /** The username or terminal name, as it was at the time. */
  actor_name: string | null;
  /** e.g. `staff.login`, `staff.lockout`, `terminal.revoke` (see core/audit-wire.ts). */
  action: string;
  target: string | null;
  outcome: 'success' | 'failure' | 'refused';
  /** A stable code saying why, e.g. `wrong-password`, `unknown-terminal`. */
  detail: string | null;
  client_address: string | null;
}

/** Failed logins of an account or from an address within the current window (services/login-throttle.ts). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: number;
  blocked_until: number | null;
}

/** A wrong guess at something guessable (services/lookup-failures.ts), counted over a sliding window. */
export interface LookupFailureTable {
  id: string;
  /** `case`: a typed ID number or query code that did not match; `admin-pin`: a wrong PIN from a terminal. */
  scope: 'case' | 'admin-pin';
  /** The case number or receipt reference, or the terminal's id. */
  subject: string;
  failed_at: number;
}

/** The hall's admin PIN hash stretched for the terminals' offline copies (services/admin-pin.ts). */
export interface AdminPinStretchTable {
  /** KIOSK_ADMIN_PIN_HASH it was made from: another one makes a new stretch. */
  hall_hash: string;
  iterations: number;
  /** Base64. */
  salt: string;
  hash: string;
  created_at: number;
}

export type CaseRow = Selectable<CaseTable>;
export type TicketRow = Selectable<TicketTable>;
export type NewTicket = Insertable<TicketTable>;
export type TerminalRow = Selectable<TerminalTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type AppointmentRow = Selectable<AppointmentTable>;
