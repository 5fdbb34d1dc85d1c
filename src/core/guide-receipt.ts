/**
 * The 一次性告知单 of a service item on the 80 mm receipt printer: everything a citizen needs to
 * bring and know to finish the matter in one visit (一次告知, 一次办成) — materials with their
 * form and copies, which of them an e-certificate replaces, conditions, time limits, fee, where
 * and when, and the phones. Labels follow the citizen's language; the item's own fields are
 * Chinese, as the department publishes them.
 */
import type { Material, ServiceItem } from './catalog.ts';
import { chinaTimeParts, formatChinaDate, formatChinaTime } from './china-time.ts';
import type { Language, Localized } from './language.ts';
import type { ReceiptDocument, ReceiptItem } from './receipt.ts';

const LABELS = {
  title: { 'zh-CN': '一次性告知单', 'zh-TW': '一次性告知單', en: 'Checklist of materials' },
  department: { 'zh-CN': '实施部门', 'zh-TW': '實施部門', en: 'Department' },
  handling: { 'zh-CN': '办件类型', 'zh-TW': '辦件類型', en: 'Handling' },
  instant: { 'zh-CN': '即办件', 'zh-TW': '即辦件', en: 'Instant-decision item' },
  promised: { 'zh-CN': '承诺件', 'zh-TW': '承諾件', en: 'Promised-time item' },
  promisedLimit: { 'zh-CN': '承诺时限', 'zh-TW': '承諾時限', en: 'Promised limit' },
  statutoryLimit: { 'zh-CN': '法定时限', 'zh-TW': '法定時限', en: 'Statutory limit' },
  days: { 'zh-CN': '{n}个工作日', 'zh-TW': '{n}個工作日', en: '{n} working days' },
  onTheSpot: { 'zh-CN': '当场办结', 'zh-TW': '當場辦結', en: 'on the spot' },
  fee: { 'zh-CN': '收费', 'zh-TW': '收費', en: 'Fee' },
  materials: { 'zh-CN': '申请材料（共{n}项）', 'zh-TW': '申請材料（共{n}項）', en: 'Materials ({n})' },
  original: { 'zh-CN': '原件', 'zh-TW': '正本', en: 'Original' },
  copy: { 'zh-CN': '复印件', 'zh-TW': '影本', en: 'Copy' },
  'original-and-copy': { 'zh-CN': '原件及复印件', 'zh-TW': '正本及影本', en: 'Original and copy' },
  electronic: { 'zh-CN': '电子材料', 'zh-TW': '電子材料', en: 'Electronic' },
  copies: { 'zh-CN': '{n}份', 'zh-TW': '{n}份', en: '{n} cop.' },
  required: { 'zh-CN': '必需', 'zh-TW': '必需', en: 'Required' },
  optional: { 'zh-CN': '视情形提供', 'zh-TW': '視情形提供', en: 'If applicable' },
  eCertificate: { 'zh-CN': '可免提交：调用电子证照（{type}）', 'zh-TW': '可免提交：調用電子證照（{type}）', en: 'No need to bring: e-certificate ({type})' },
  deferrable: { 'zh-CN': '可容缺后补', 'zh-TW': '可容缺後補', en: 'May be supplied later' },
  conditions: { 'zh-CN': '受理条件', 'zh-TW': '受理條件', en: 'Conditions' },
  missingMaterial: { 'zh-CN': '可容缺受理：次要材料暂缺可先受理，限期补齐', 'zh-TW': '可容缺受理：次要材料暫缺可先受理，限期補齊', en: 'Accepted with minor materials missing, to be supplied later' },
  commitment: { 'zh-CN': '可告知承诺：书面承诺可代替部分证明材料', 'zh-TW': '可告知承諾：書面承諾可代替部分證明材料', en: 'A signed commitment may replace some proofs' },
  place: { 'zh-CN': '办理地点', 'zh-TW': '辦理地點', en: 'Place' },
  hours: { 'zh-CN': '办理时间', 'zh-TW': '辦理時間', en: 'Hours' },
  online: { 'zh-CN': '网上办理', 'zh-TW': '網上辦理', en: 'Online' },
  consultPhone: { 'zh-CN': '咨询电话', 'zh-TW': '諮詢電話', en: 'Enquiries' },
  complaintPhone: { 'zh-CN': '投诉电话', 'zh-TW': '投訴電話', en: 'Complaints' },
  printedAt: { 'zh-CN': '打印时间', 'zh-TW': '列印時間', en: 'Printed' },
  oneVisit: { 'zh-CN': '请备齐以上材料，一次办成', 'zh-TW': '請備齊以上材料，一次辦成', en: 'Bring everything above to finish in one visit' },
} satisfies Record<string, Localized>;

type Label = keyof typeof LABELS;

const label = (key: Label, lang: Language, params: Record<string, string | number> = {}) =>
  LABELS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** The printer refuses a document with a longer line (receipt.ts); catalog text is cut rather than lost whole. */
const MAX_LINE = 500;

const line = (text: string, extra: Partial<Extract<ReceiptItem, { type: 'text' }>> = {}): ReceiptItem => ({
  type: 'text',
  text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text,
  ...extra,
});

/** ": " in English, "：" in Chinese. */
const field = (key: Label, value: string, lang: Language) => line(`${label(key, lang)}${lang === 'en' ? ': ' : '：'}${value}`);

/** "3个工作日", or "当场办结" for a limit of zero days. */
export function limitText(days: number, lang: Language): string {
  return days === 0 ? label('onTheSpot', lang) : label('days', lang, { n: days });
}

/** "原件 1份 · 必需": how a material is handed in. */
export function materialForm(material: Material, lang: Language): string {
  return [label(material.form, lang), label('copies', lang, { n: material.copies }), label(material.required ? 'required' : 'optional', lang)].join(' · ');
}

function materialLines(material: Material, index: number, lang: Language): ReceiptItem[] {
  return [
    line(`${index + 1}. ${material.name}`, { bold: true }),
    line(`   ${materialForm(material, lang)}`),
    ...(material.certificateType ? [line(`   ${label('eCertificate', lang, { type: material.certificateType })}`)] : []),
    ...(material.deferrable ? [line(`   ${label('deferrable', lang)}`)] : []),
    ...(material.note ? [line(`   ${material.note}`)] : []),
  ];
}

export interface ChecklistContext {
  hallName: Localized;
  /** When it is printed, from the terminal's clock. */
  printedAt: number;
}

export function guideChecklistReceipt(item: ServiceItem, context: ChecklistContext, lang: Language): ReceiptDocument {
  const printed = chinaTimeParts(context.printedAt);
  return {
    items: [
      line(context.hallName[lang], { align: 'center', bold: true }),
      line(label('title', lang), { align: 'center', size: 'wide', bold: true }),
      { type: 'rule' },
      line(item.name[lang], { bold: true }),
      field('department', item.department, lang),
      field('handling', label(item.handling, lang), lang),
      field('promisedLimit', limitText(item.promisedLimitDays, lang), lang),
      field('statutoryLimit', limitText(item.statutoryLimitDays, lang), lang),
      field('fee', item.fee, lang),
      { type: 'rule' },
      line(label('materials', lang, { n: item.materials.length }), { bold: true }),
      ...item.materials.flatMap((material, index) => materialLines(material, index, lang)),
      { type: 'rule' },
      line(label('conditions', lang), { bold: true }),
      ...item.conditions.map((condition) => line(`· ${condition}`)),
      ...(item.missingMaterialAllowed ? [line(label('missingMaterial', lang))] : []),
      ...(item.commitmentAllowed ? [line(label('commitment', lang))] : []),
      { type: 'rule' },
      field('place', item.place, lang),
      field('hours', item.hours, lang),
      field('consultPhone', item.consultPhone, lang),
      field('complaintPhone', item.complaintPhone, lang),
      ...(item.onlineUrl ? [field('online', item.onlineUrl, lang), { type: 'qr', data: item.onlineUrl, size: 5 } satisfies ReceiptItem] : []),
      { type: 'rule' },
      line(label('oneVisit', lang), { align: 'center', bold: true }),
      line(`${label('printedAt', lang)} ${formatChinaDate(printed)} ${formatChinaTime(printed)}`, { align: 'center' }),
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ],
  };
}
