import { requestJson, type ApiResult } from '../shared/api.ts';
import { array, boolean, ignored, integer, nullable, object, record, string } from '../shared/parse.ts';

const FleetEntry = object({
  id: string,
  name: string,
  enrolled: boolean,
  revoked: boolean,
  lastHeartbeatAt: nullable(string),
  stale: boolean,
  appVersion: nullable(string),
  devices: record(string),
  paper: nullable(string),
  outboxDepth: nullable(integer),
  lastErrorCode: nullable(string),
  keyBound: boolean,
  suspended: nullable(object({ at: string, reason: string })),
  alerts: array(object({ at: string, kind: string, observed: integer, limit: integer })),
  certificateUses24h: integer,
});
export type FleetEntry = ReturnType<typeof FleetEntry>;

/** 403 `forbidden` when the logged-in staff member is not an administrator. */
export const fetchFleet = (): Promise<ApiResult<FleetEntry[]>> => requestJson('/admin/terminals', array(FleetEntry));

export const revokeTerminal = (id: string): Promise<ApiResult<null>> =>
  requestJson(`/admin/terminals/${encodeURIComponent(id)}/revoke`, ignored, { method: 'POST' });

/** Lifts a suspension set by the terminal's identity limits. */
export const resumeTerminal = (id: string): Promise<ApiResult<null>> =>
  requestJson(`/admin/terminals/${encodeURIComponent(id)}/resume`, ignored, { method: 'POST' });

const EnrollmentCode = object({ code: string, expiresAt: string });
export type EnrollmentCode = ReturnType<typeof EnrollmentCode>;

/** A one-time code to enroll the terminal again through kiosk-shell (a new device key). */
export const newEnrollmentCode = (id: string): Promise<ApiResult<EnrollmentCode>> =>
  requestJson(`/admin/terminals/${encodeURIComponent(id)}/enrollment`, EnrollmentCode, { method: 'POST' });

const CertificateUse = object({ at: string, certificateType: string, action: string, purpose: string });
export type CertificateUse = ReturnType<typeof CertificateUse>;

export const fetchCertificateUses = (id: string): Promise<ApiResult<CertificateUse[]>> =>
  requestJson(`/admin/terminals/${encodeURIComponent(id)}/certificate-uses`, object({ uses: array(CertificateUse) })).then((result) => (result.ok ? { ok: true, value: result.value.uses } : result));

const DemoHolder = object({ key: string, label: string, kind: string });
export type DemoHolder = ReturnType<typeof DemoHolder>;

/** The fictional holders of the demo hall (persons and enterprises), without their numbers. */
export const fetchDemoHolders = (): Promise<ApiResult<DemoHolder[]>> =>
  requestJson('/admin/demo-codes/holders', object({ holders: array(DemoHolder) })).then((result) => (result.ok ? { ok: true, value: result.value.holders } : result));

const DemoCode = object({ code: string, expiresAt: string });
export type DemoCode = ReturnType<typeof DemoCode>;

/** 409 `no-demo-provider` when the hall has no demo provider key; 404 `unknown-holder`. */
export const mintDemoCode = (holder: string): Promise<ApiResult<DemoCode>> => requestJson('/admin/demo-codes', DemoCode, { method: 'POST', body: { holder } });
