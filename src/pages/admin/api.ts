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
