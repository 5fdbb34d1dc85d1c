import { requestJson, type ApiResult } from './api.ts';
import { ignored } from './parse.ts';
import { StaffMember } from './wire.ts';

/** The staff session of window agents and administrators: an httpOnly cookie the page never sees. */
export function logIn(username: string, password: string): Promise<ApiResult<StaffMember>> {
  return requestJson('/staff/login', StaffMember, { method: 'POST', body: { username, password } });
}

/** 401 means "nobody is logged in on this browser". */
export function whoAmI(): Promise<ApiResult<StaffMember>> {
  return requestJson('/staff/me', StaffMember);
}

export function logOut(): Promise<ApiResult<null>> {
  return requestJson('/staff/logout', ignored, { method: 'POST' });
}
