/**
 * The short summary of a certificate on the 80 mm receipt printer, for a citizen who needs the
 * number and issuer of a certificate rather than a full copy. Like the A4 copy it names its
 * purpose, terminal and time, and its QR leads to the copy's verification page. It leaves the
 * terminal in a pocket, so the holder's name is masked as well as the number.
 */
import type { CertificateView, CopyIssued } from './certificate-wire.ts';
import { certificateType } from './certificates.ts';
import { formatChinaDateTime } from './china-time.ts';
import { maskName } from './id-number.ts';
import type { Language, Localized } from './language.ts';
import type { ReceiptDocument, ReceiptItem } from './receipt.ts';

const LABELS = {
  title: { 'zh-CN': '电子证照摘要', 'zh-TW': '電子證照摘要', en: 'E-certificate summary' },
  number: { 'zh-CN': '证照编号', 'zh-TW': '證照編號', en: 'Number' },
  holder: { 'zh-CN': '持证人', 'zh-TW': '持證人', en: 'Holder' },
  issuer: { 'zh-CN': '发证机关', 'zh-TW': '發證機關', en: 'Issuer' },
  issuedOn: { 'zh-CN': '发证日期', 'zh-TW': '發證日期', en: 'Issued on' },
  validUntil: { 'zh-CN': '有效期至', 'zh-TW': '有效期至', en: 'Valid until' },
  longTerm: { 'zh-CN': '长期', 'zh-TW': '長期', en: 'Long-term' },
  verify: { 'zh-CN': '扫码核验本凭条', 'zh-TW': '掃碼核驗本憑條', en: 'Scan to verify this slip' },
  issuedBy: { 'zh-CN': '{terminal} 于 {time} 出具', 'zh-TW': '{terminal} 於 {time} 出具', en: 'Issued by {terminal} at {time}' },
} satisfies Record<string, Localized>;

const chinaDateTime = (iso: string) => formatChinaDateTime(Date.parse(iso));

const line = (text: string, extra: Partial<Extract<ReceiptItem, { type: 'text' }>> = {}): ReceiptItem => ({ type: 'text', text, ...extra });

export interface SummaryContext {
  hallName: Localized;
  terminalName: string;
}

export function certificateSummaryReceipt(view: CertificateView, copy: CopyIssued, context: SummaryContext, lang: Language): ReceiptDocument {
  const type = certificateType(view.typeCode);
  const validUntil = view.validUntil === 'long-term' ? LABELS.longTerm[lang] : view.validUntil;
  const issuedBy = LABELS.issuedBy[lang].replace('{terminal}', context.terminalName).replace('{time}', chinaDateTime(copy.issuedAt));
  return {
    items: [
      line(context.hallName[lang], { align: 'center', bold: true }),
      line(LABELS.title[lang], { align: 'center' }),
      { type: 'rule' },
      line(type?.name[lang] ?? view.typeCode, { align: 'center', size: 'wide', bold: true }),
      line(`${LABELS.number[lang]}: ${view.number}`),
      line(`${LABELS.holder[lang]}: ${maskName(view.holderName)} ${view.holderIdMasked}`),
      line(`${LABELS.issuer[lang]}: ${view.issuer}`),
      line(`${LABELS.issuedOn[lang]}: ${view.issuedOn}`),
      line(`${LABELS.validUntil[lang]}: ${validUntil}`),
      { type: 'rule' },
      line(copy.watermark, { align: 'center', bold: true }),
      { type: 'qr', data: copy.verifyUrl, size: 6 },
      line(LABELS.verify[lang], { align: 'center' }),
      line(issuedBy, { align: 'center' }),
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ],
  };
}
