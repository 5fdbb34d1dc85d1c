/**
 * The certificate library at work: what a consent opens (the list, a certificate on screen),
 * the copies printed from it, and the citizen's own usage log. Every use is appended to the
 * hash-chained usage log in the same transaction as the work it records.
 */
import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../core/calendar/local-date.ts';
import { certificateType, isCertificateValid, maskHolderIdIn, type Certificate } from '../../core/certificates.ts';
import type { CertificateSummary, CertificateView, UsageRecord } from '../../core/certificate-wire.ts';
import { maskIdNumber } from '../../core/id-number.ts';
import type { HallContext } from '../context.ts';
import type { Database, TerminalRow } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { holderHash } from '../security.ts';
import type { Consent } from './certificate-consents.ts';
import { fail, type Result } from './result.ts';
import { appendUsage, usesOfHolder, type NewUsage } from './usage-log.ts';

export interface StoredCertificate {
  id: string;
  certificate: Certificate;
}

export async function storeCertificate(ctx: HallContext, certificate: Omit<Certificate, 'id'>): Promise<string> {
  const id = randomUUID();
  await ctx.db
    .insertInto('certificates')
    .values({
      id,
      type_code: certificate.typeCode,
      holder_hash: holderHash(ctx.pepper, certificate.holderId),
      number: certificate.number,
      document: JSON.stringify(certificate),
      created_at: ctx.clock.now(),
    })
    .execute();
  return id;
}

const certificateOf = (row: { id: string; document: string }): StoredCertificate => ({ id: row.id, certificate: { ...(JSON.parse(row.document) as Omit<Certificate, 'id'>), id: row.id } });

async function certificatesOf(db: Kysely<Database>, consent: Consent): Promise<StoredCertificate[]> {
  const rows = await db
    .selectFrom('certificates')
    .select(['id', 'document'])
    .where('holder_hash', '=', consent.holderHash)
    .where('type_code', 'in', consent.typeCodes)
    .orderBy('type_code')
    .orderBy('number')
    .execute();
  return rows.map(certificateOf);
}

/** The user of a terminal's uses, as the usage log names it to the citizen. */
export const terminalUser = (terminal: Pick<TerminalRow, 'name'>) => `自助终端 ${terminal.name}`;

export function usageOf(consent: Consent, terminal: TerminalRow, at: number) {
  return (stored: StoredCertificate, action: NewUsage['action'], copyId: string | null = null): NewUsage => ({
    at,
    holderHash: consent.holderHash,
    certificateId: stored.id,
    certificateType: stored.certificate.typeCode,
    action,
    user: terminalUser(terminal),
    purpose: consent.purpose.name['zh-CN'],
    copyId,
    terminalId: terminal.id,
  });
}

function summaryOf(stored: StoredCertificate, today: string): CertificateSummary {
  const { certificate } = stored;
  return {
    id: stored.id,
    typeCode: certificate.typeCode,
    number: maskHolderIdIn(certificate.number, certificate.holderId),
    issuer: certificate.issuer,
    issuedOn: certificate.issuedOn,
    validUntil: certificate.validUntil,
    valid: isCertificateValid(certificate, today),
  };
}

/**
 * The holder's certificates of the consented types. The first listing under a consent is the
 * retrieval (调取) and is logged, once per certificate; coming back to the list is not a new use.
 */
export async function listCertificates(ctx: HallContext, terminal: TerminalRow, consent: Consent): Promise<CertificateSummary[]> {
  const now = ctx.clock.now();
  const found = await certificatesOf(ctx.db, consent);
  if (consent.retrievedAt === null && found.length > 0) {
    const use = usageOf(consent, terminal, now);
    await ctx.db.transaction().execute(async (tx) => {
      const first = await tx.updateTable('certificate_consents').set({ retrieved_at: now }).where('id', '=', consent.id).where('retrieved_at', 'is', null).executeTakeFirst();
      if (Number(first.numUpdatedRows) === 1) await appendUsage(tx, found.map((stored) => use(stored, 'retrieve')));
    });
  }
  const today = localDateOf(now);
  return found.map((stored) => summaryOf(stored, today));
}

/** One of the consented certificates, refused when it is another holder's or of another type. */
export async function consentedCertificate(ctx: HallContext, consent: Consent, certificateId: string): Promise<Result<StoredCertificate>> {
  const row = await ctx.db.selectFrom('certificates').select(['id', 'document', 'holder_hash', 'type_code']).where('id', '=', certificateId).executeTakeFirst();
  // Another holder's certificate and one that does not exist look the same to the terminal.
  if (!row || row.holder_hash !== consent.holderHash || !consent.typeCodes.includes(row.type_code)) {
    return fail(404, 'certificate-not-found', 'No such certificate under this consent');
  }
  return { ok: true, value: certificateOf(row) };
}

export function viewOf(stored: StoredCertificate, today: string): CertificateView {
  const { certificate } = stored;
  const type = certificateType(certificate.typeCode);
  const mask = (text: string) => maskHolderIdIn(text, certificate.holderId);
  return {
    ...summaryOf(stored, today),
    holderName: certificate.holderName,
    holderIdMasked: maskIdNumber(certificate.holderId),
    fields: (type?.fields ?? []).flatMap((field) => {
      const value = certificate.fields[field.key];
      return value === undefined ? [] : [{ key: field.key, label: field.label, value: mask(value) }];
    }),
  };
}

/** A certificate opened on screen: shown, never downloaded, and logged as viewed. */
export async function viewCertificate(ctx: HallContext, terminal: TerminalRow, consent: Consent, certificateId: string): Promise<Result<CertificateView>> {
  const found = await consentedCertificate(ctx, consent, certificateId);
  if (!found.ok) return found;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((tx) => appendUsage(tx, [usageOf(consent, terminal, now)(found.value, 'view')]));
  return { ok: true, value: viewOf(found.value, localDateOf(now)) };
}

/** The citizen's own usage log: every use of their certificates, newest first. */
export async function usageRecords(ctx: HallContext, consent: Consent): Promise<UsageRecord[]> {
  const uses = await usesOfHolder(ctx.db, consent.holderHash);
  return uses.map((use) => ({ at: new Date(use.at).toISOString(), typeCode: use.certificateType, action: use.action, user: use.user, purpose: use.purpose }));
}
