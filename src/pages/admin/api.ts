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
});
export type FleetEntry = ReturnType<typeof FleetEntry>;

/** 403 `forbidden` when the logged-in staff member is not an administrator. */
export const fetchFleet = (): Promise<ApiResult<FleetEntry[]>> => requestJson('/admin/terminals', array(FleetEntry));

export const revokeTerminal = (id: string): Promise<ApiResult<null>> =>
  requestJson(`/admin/terminals/${encodeURIComponent(id)}/revoke`, ignored, { method: 'POST' });

const DemoHolder = object({ key: string, label: string, kind: string });
export type DemoHolder = ReturnType<typeof DemoHolder>;

/** The fictional holders of the demo hall (persons and enterprises), without their numbers. */
export const fetchDemoHolders = (): Promise<ApiResult<DemoHolder[]>> =>
  requestJson('/admin/demo-codes/holders', object({ holders: array(DemoHolder) })).then((result) => (result.ok ? { ok: true, value: result.value.holders } : result));

const DemoCode = object({ code: string, expiresAt: string });
export type DemoCode = ReturnType<typeof DemoCode>;

/** 409 `no-demo-provider` when the hall has no demo provider key; 404 `unknown-holder`. */
export const mintDemoCode = (holder: string): Promise<ApiResult<DemoCode>> => requestJson('/admin/demo-codes', DemoCode, { method: 'POST', body: { holder } });
