/**
 * The hall server's certificate API as the terminal calls it (免证办). Nothing here is stored:
 * the consent token and the certificates live in the journey's memory until the session ends.
 */
import type { CertificateSummary, CertificateView, ConsentGrant, CopyFormat, CopyIssued, IdentityProof, UsageRecord } from '../core/certificate-wire.ts';
import type { Purpose } from '../core/certificates.ts';
import { callHall, type ApiResult } from './hall-api.ts';

const map = <T, U>(result: ApiResult<T>, pick: (value: T) => U): ApiResult<U> => (result.ok ? { ok: true, value: pick(result.value) } : result);

/** `clientId` is made once per consent tap: a retry after a lost answer gets the same consent. */
export function requestConsent(clientId: string, identity: IdentityProof, purpose: Purpose): Promise<ApiResult<ConsentGrant>> {
  return callHall<ConsentGrant>('POST', '/certificates/consents', { clientId, identity, purpose });
}

export async function listCertificates(consentToken: string): Promise<ApiResult<CertificateSummary[]>> {
  return map(await callHall<{ certificates: CertificateSummary[] }>('POST', '/certificates/list', { consentToken }), (body) => body.certificates);
}

export function viewCertificate(consentToken: string, certificateId: string): Promise<ApiResult<CertificateView>> {
  return callHall<CertificateView>('POST', '/certificates/view', { consentToken, certificateId });
}

export function issueCopy(clientId: string, consentToken: string, certificateId: string, format: CopyFormat): Promise<ApiResult<CopyIssued>> {
  return callHall<CopyIssued>('POST', '/certificates/copies', { clientId, consentToken, certificateId, format });
}

export async function usageLog(consentToken: string): Promise<ApiResult<UsageRecord[]>> {
  return map(await callHall<{ records: UsageRecord[] }>('POST', '/certificates/usage', { consentToken }), (body) => body.records);
}

/** Best effort at the session's end: the token stops opening anything even before it expires. */
export async function endConsent(consentToken: string): Promise<void> {
  await callHall('POST', '/certificates/consents/end', { consentToken });
}
