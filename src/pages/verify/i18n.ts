import { isLanguage, type Language } from '../../core/language.ts';
import { languageOfBrowser, phoneI18n } from '../shared/phone-i18n.ts';

const zhCN = {
  title: '复印件核验',
  loading: '正在核验…',
  verdict: '此复印件由{hall}出具',
  verdictHint: '核验通过。请将下列信息与纸质复印件逐项核对。',
  certificateType: '证照类型',
  holder: '持证人',
  certificateNumber: '证照编号',
  purpose: '用途',
  watermark: '水印文字',
  issuedWhere: '出具地点',
  issuedWhereTerminal: '自助终端 {terminal}',
  issuedAt: '出具时间',
  issuedAtValue: '{time}（北京时间）',
  format: '复印件形式',
  'format.a4': 'A4 复印件',
  'format.receipt': '凭条摘要',
  copyId: '复印件编号',
  validity: '此复印件仅可用于“{purpose}”，用于其他用途无效。',
  mismatch: '如纸面上的证照编号、用途或出具时间与本页不一致，该复印件可能被篡改，请勿采信。',
  'notFound.title': '未查到此复印件',
  'notFound.body': '本大厅没有出具过与此二维码对应的复印件。',
  'notFound.forged': '该复印件可能是伪造或被篡改的，请勿采信。',
  'notFound.rescan': '请确认扫描的是复印件上的核验二维码，链接是否完整。',
  'notFound.contact': '如有疑问，请联系出具复印件的政务服务大厅核实。',
  'network.title': '暂时无法核验',
  'network.body': '无法连接核验服务，请检查手机网络后重试。这不代表复印件无效。',
  retry: '重试',
  checkedAt: '核验时间：{time}（北京时间）',
};

type MessageKey = keyof typeof zhCN;

const zhTW: Record<MessageKey, string> = {
  title: '影本核驗',
  loading: '正在核驗…',
  verdict: '此影本由{hall}出具',
  verdictHint: '核驗通過。請將下列資訊與紙本影本逐項核對。',
  certificateType: '證照類型',
  holder: '持證人',
  certificateNumber: '證照編號',
  purpose: '用途',
  watermark: '浮水印文字',
  issuedWhere: '出具地點',
  issuedWhereTerminal: '自助終端 {terminal}',
  issuedAt: '出具時間',
  issuedAtValue: '{time}（北京時間）',
  format: '影本形式',
  'format.a4': 'A4 影本',
  'format.receipt': '憑條摘要',
  copyId: '影本編號',
  validity: '此影本僅可用於「{purpose}」，用於其他用途無效。',
  mismatch: '如紙面上的證照編號、用途或出具時間與本頁不一致，該影本可能遭竄改，請勿採信。',
  'notFound.title': '未查到此影本',
  'notFound.body': '本大廳沒有出具過與此二維碼對應的影本。',
  'notFound.forged': '該影本可能是偽造或遭竄改的，請勿採信。',
  'notFound.rescan': '請確認掃描的是影本上的核驗二維碼，連結是否完整。',
  'notFound.contact': '如有疑問，請聯繫出具影本的政務服務大廳核實。',
  'network.title': '暫時無法核驗',
  'network.body': '無法連線核驗服務，請檢查手機網路後重試。這不代表影本無效。',
  retry: '重試',
  checkedAt: '核驗時間：{time}（北京時間）',
};

const en: Record<MessageKey, string> = {
  title: 'Copy verification',
  loading: 'Verifying…',
  verdict: 'This copy was issued by {hall}',
  verdictHint: 'Verified. Check each item below against the paper copy.',
  certificateType: 'Certificate',
  holder: 'Holder',
  certificateNumber: 'Certificate number',
  purpose: 'Purpose (as printed)',
  watermark: 'Watermark (as printed)',
  issuedWhere: 'Issued at',
  issuedWhereTerminal: 'Self-service terminal {terminal}',
  issuedAt: 'Issued on',
  issuedAtValue: '{time} (Beijing time)',
  format: 'Kind of copy',
  'format.a4': 'A4 copy',
  'format.receipt': 'Receipt summary',
  copyId: 'Copy number',
  validity: 'This copy is valid only for the purpose “{purpose}” and for no other use.',
  mismatch: 'If the certificate number, purpose or time on the paper differ from this page, the copy may have been altered: do not accept it.',
  'notFound.title': 'Copy not found',
  'notFound.body': 'This hall has issued no copy that matches this QR code.',
  'notFound.forged': 'The copy may be forged or altered: do not accept it.',
  'notFound.rescan': 'Make sure you scanned the verification QR code on the copy and that the link is complete.',
  'notFound.contact': 'If in doubt, contact the service hall that issued the copy.',
  'network.title': 'Cannot verify right now',
  'network.body': 'The verification service could not be reached. Check your phone’s connection and try again. This does not mean the copy is invalid.',
  retry: 'Try again',
  checkedAt: 'Checked {time} (Beijing time)',
};

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export const { language, catalogue, t, chooseLanguage } = phoneI18n({
  // Only the reader's choice of language is kept on their phone; nothing about the copy is.
  storageKey: 'kiosk24.verify.language',
  catalogues: CATALOGUES,
  speaks: isLanguage,
  fallback: () => languageOfBrowser(navigator.language),
});

/** The text of `key` around its one `{name}` placeholder, for a message that sets the value apart. */
export function tAround(key: MessageKey, name: string): [before: string, after: string] {
  const [before = '', after = ''] = catalogue.value[key].split(`{${name}}`);
  return [before, after];
}
