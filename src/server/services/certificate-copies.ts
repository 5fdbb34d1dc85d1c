/**
 * Copies of certificates: an A4 PDF for the document printer, or a short summary for the
 * receipt printer, each watermarked with its purpose, terminal and time, and each with a
 * verification page (/verify/<copy id>) that anyone holding the paper can open from its QR code.
 */
import { formatChinaDateTime } from '../../core/china-time.ts';
import { certificateType, copyWatermark, maskHolderIdIn } from '../../core/certificates.ts';
import type { CopyFormat, CopyIssued, CopyVerification } from '../../core/certificate-wire.ts';
import { maskIdNumber, maskName } from '../../core/id-number.ts';
import { PdfFontMissingError, renderCopyPdf } from '../certificates/copy-pdf.ts';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { randomToken } from '../security.ts';
import type { Consent } from './certificate-consents.ts';
import { consentedCertificate, usageOf, type StoredCertificate } from './certificates.ts';
import { fail, type Result } from './result.ts';
import { appendUsage } from './usage-log.ts';

/** What a copy's verification page shows, kept with the copy: no personal data beyond the masks. */
interface CopyRecord {
  typeCode: string;
  certificateNumber: string;
  holderMasked: string;
  purpose: string;
  watermark: string;
  format: CopyFormat;
  terminalName: string;
  issuedAt: number;
}

export interface CopyOrder {
  clientId: string;
  certificateId: string;
  format: CopyFormat;
}

export const verifyUrlOf = (origin: string, copyId: string) => `${origin}/verify/${copyId}`;

function recordOf(stored: StoredCertificate, consent: Consent, terminal: TerminalRow, format: CopyFormat, issuedAt: number): CopyRecord {
  const { certificate } = stored;
  return {
    typeCode: certificate.typeCode,
    certificateNumber: maskHolderIdIn(certificate.number, certificate.holderId),
    holderMasked: `${maskName(certificate.holderName)} ${maskIdNumber(certificate.holderId)}`,
    purpose: consent.purpose.name['zh-CN'],
    watermark: copyWatermark(consent.purpose, consent.purpose.name),
    format,
    terminalName: terminal.name,
    issuedAt,
  };
}

function renderPdf(ctx: HallContext, stored: StoredCertificate, record: CopyRecord, copyId: string, verifyUrl: string): Result<string> {
  const type = certificateType(stored.certificate.typeCode);
  if (!type) return fail(500, 'unknown-certificate-type', 'The certificate is of a type this hall cannot print');
  try {
    const pdf = renderCopyPdf({
      certificate: stored.certificate,
      type,
      watermark: record.watermark,
      hallName: ctx.config.kiosk.hallName['zh-CN'],
      terminalName: record.terminalName,
      issuedAt: formatChinaDateTime(record.issuedAt),
      copyId,
      verifyUrl,
      ...(ctx.config.copyFontPath ? { fontPath: ctx.config.copyFontPath } : {}),
    });
    return { ok: true, value: pdf.toString('base64') };
  } catch (error) {
    if (error instanceof PdfFontMissingError) return fail(503, 'copy-font-missing', 'The hall server cannot print copies: its font is missing');
    throw error;
  }
}

function issuedOf(record: CopyRecord, copyId: string, verifyUrl: string, pdf?: string): CopyIssued {
  return { copyId, verifyUrl, watermark: record.watermark, issuedAt: new Date(record.issuedAt).toISOString(), ...(pdf ? { pdf } : {}) };
}

/**
 * Issues a copy of a consented certificate, logged as a use. The PDF is rendered before anything
 * is stored, so a copy that cannot be made leaves no trace. A repeat of a clientId answers the
 * same copy again (its PDF rendered anew) without a second use in the log.
 */
export async function issueCopy(ctx: HallContext, terminal: TerminalRow, consent: Consent, order: CopyOrder, origin: string): Promise<Result<CopyIssued>> {
  const earlier = await ctx.db.selectFrom('certificate_copies').selectAll().where('client_id', '=', order.clientId).executeTakeFirst();
  if (earlier && (earlier.consent_id !== consent.id || earlier.certificate_id !== order.certificateId || earlier.format !== order.format)) {
    return fail(409, 'client-id-in-use', 'This clientId was used for another copy');
  }
  const found = await consentedCertificate(ctx, consent, order.certificateId);
  if (!found.ok) return found;
  const copyId = earlier?.id ?? randomToken(18);
  const record = earlier ? (JSON.parse(earlier.document) as CopyRecord) : recordOf(found.value, consent, terminal, order.format, ctx.clock.now());
  const verifyUrl = verifyUrlOf(origin, copyId);
  let pdf: string | undefined;
  if (order.format === 'a4') {
    const rendered = renderPdf(ctx, found.value, record, copyId, verifyUrl);
    if (!rendered.ok) return rendered;
    pdf = rendered.value;
  }
  if (!earlier) {
    const use = usageOf(consent, terminal, record.issuedAt)(found.value, order.format === 'a4' ? 'copy-a4' : 'copy-receipt', copyId);
    try {
      await ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('certificate_copies')
          .values({ id: copyId, client_id: order.clientId, consent_id: consent.id, certificate_id: found.value.id, format: order.format, document: JSON.stringify(record), created_at: record.issuedAt })
          .execute();
        await appendUsage(tx, [use]);
      });
    } catch (error) {
      // A concurrent repeat of the clientId won the unique constraint: answer with its copy.
      const winner = await ctx.db.selectFrom('certificate_copies').select('id').where('client_id', '=', order.clientId).executeTakeFirst();
      if (!winner) throw error;
      return issueCopy(ctx, terminal, consent, order, origin);
    }
  }
  return { ok: true, value: issuedOf(record, copyId, verifyUrl, pdf) };
}

/** Copy ids are 24 base64url characters; anything else is no copy of this hall. */
const COPY_ID = /^[A-Za-z0-9_-]{24}$/;

/** Whether a copy was issued here, and for what: public, for whoever holds the paper. */
export async function copyVerification(ctx: HallContext, copyId: string): Promise<Result<CopyVerification>> {
  const row = COPY_ID.test(copyId) ? await ctx.db.selectFrom('certificate_copies').select(['id', 'document']).where('id', '=', copyId).executeTakeFirst() : undefined;
  if (!row) return fail(404, 'copy-not-found', 'No copy with this number was issued by this hall');
  const record = JSON.parse(row.document) as CopyRecord;
  const type = certificateType(record.typeCode);
  return {
    ok: true,
    value: {
      copyId: row.id,
      typeCode: record.typeCode,
      typeName: type?.name ?? { 'zh-CN': record.typeCode, 'zh-TW': record.typeCode, en: record.typeCode },
      certificateNumber: record.certificateNumber,
      holderMasked: record.holderMasked,
      purpose: record.purpose,
      watermark: record.watermark,
      format: record.format,
      terminalName: record.terminalName,
      hallName: ctx.config.kiosk.hallName,
      issuedAt: new Date(record.issuedAt).toISOString(),
    },
  };
}
