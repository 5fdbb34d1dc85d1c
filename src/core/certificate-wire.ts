/**
 * What the hall server answers about certificates, as both ends type it. The server's TypeBox
 * schemas check these shapes on the way out; the PWA reads them from its API client.
 */
import type { HolderKind, Purpose, ValidUntil } from './certificates.ts';
import type { Localized } from './language.ts';
import type { UsageAction } from './usage-log.ts';

/**
 * How the citizen proved who they are: the card on the reader, with the assertion kiosk-shell
 * signed for it with the terminal's device key (device-assertion.ts), or an identity code.
 */
export type IdentityProof = { kind: 'card'; idNumber: string; name: string; assertion: string } | { kind: 'code'; code: string };

export interface ConsentRequest {
  clientId: string;
  identity: IdentityProof;
  purpose: Purpose;
}

/** A granted consent: the token that opens the holder's certificates of `typeCodes`, for a few minutes, at this terminal. */
export interface ConsentGrant {
  consentToken: string;
  holder: { kind: HolderKind; name: string; idMasked: string };
  purpose: Purpose & { name: Localized };
  typeCodes: string[];
  terminalName: string;
  grantedAt: string;
  expiresAt: string;
}

export interface CertificateSummary {
  id: string;
  typeCode: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: ValidUntil;
  valid: boolean;
}

export interface CertificateView extends CertificateSummary {
  holderName: string;
  holderIdMasked: string;
  /** In the order of the type's fields, labels in every language. */
  fields: { key: string; label: Localized; value: string }[];
}

export type CopyFormat = 'a4' | 'receipt';

export interface CopyIssued {
  copyId: string;
  verifyUrl: string;
  watermark: string;
  issuedAt: string;
  /** The A4 copy, base64; absent for a receipt summary, which the terminal lays out itself. */
  pdf?: string;
}

/** One line of the citizen's usage log (用证记录). */
export interface UsageRecord {
  at: string;
  typeCode: string;
  action: UsageAction;
  user: string;
  purpose: string;
}

/** What the verification page of a copy shows to anyone who scans its QR code. */
export interface CopyVerification {
  copyId: string;
  typeCode: string;
  typeName: Localized;
  certificateNumber: string;
  holderMasked: string;
  purpose: string;
  watermark: string;
  format: CopyFormat;
  terminalName: string;
  hallName: Localized;
  issuedAt: string;
}
