/**
 * The receipt of a case (办事回执) on the 80 mm printer: what the applicant takes home to prove
 * the application was made, what was received, what is still owed (容缺) and by when, the
 * promised time limit and due date, and two QR codes: progress, and evaluation (好差评). A case
 * still waiting in the terminal's outbox gets a receipt that says so, with the reference under
 * which its case number can be looked up once the server has assigned it.
 */
import { formatQueryCode } from './case-progress.ts';
import type { CaseView, MaterialProvision } from './cases.ts';
import { formatChinaDateTime } from './china-time.ts';
import type { Language, Localized } from './language.ts';
import type { ReceiptDocument, ReceiptItem } from './receipt.ts';

const LABELS = {
  title: { 'zh-CN': '办事回执', 'zh-TW': '辦事回執', en: 'Application receipt' },
  caseNumber: { 'zh-CN': '办件编号', 'zh-TW': '辦件編號', en: 'Case number' },
  queued: {
    'zh-CN': '网络暂不可用，申请已保存在本机，联网后自动提交。办件编号生成后可凭查询码在“办件查询”中查看。',
    'zh-TW': '網路暫不可用，申請已保存在本機，連網後自動提交。辦件編號產生後可憑查詢碼在「辦件查詢」中查看。',
    en: 'The network is down: your application is saved on this terminal and will be submitted automatically. Look up its case number later under "Progress" with this reference.',
  },
  reference: { 'zh-CN': '查询码', 'zh-TW': '查詢碼', en: 'Reference' },
  queryCode: { 'zh-CN': '查询密码', 'zh-TW': '查詢密碼', en: 'Query code' },
  queryCodeHint: {
    'zh-CN': '凭办件编号和查询密码可查询办理进度，请妥善保管',
    'zh-TW': '憑辦件編號和查詢密碼可查詢辦理進度，請妥善保管',
    en: 'The case number and this code show your case’s progress: keep them safe',
  },
  item: { 'zh-CN': '办理事项', 'zh-TW': '辦理事項', en: 'Service' },
  applicant: { 'zh-CN': '申请人', 'zh-TW': '申請人', en: 'Applicant' },
  channel: { 'zh-CN': '申办渠道：自助终端（非人工办理）', 'zh-TW': '申辦管道：自助終端（非人工辦理）', en: 'Channel: self-service terminal (non-manual)' },
  materials: { 'zh-CN': '已收材料', 'zh-TW': '已收材料', en: 'Materials received' },
  deferred: { 'zh-CN': '容缺材料（请于 {date} 前补交）', 'zh-TW': '容缺材料（請於 {date} 前補交）', en: 'Missing materials (due by {date})' },
  limit: { 'zh-CN': '承诺时限：{days} 个工作日', 'zh-TW': '承諾時限：{days} 個工作日', en: 'Promised limit: {days} working days' },
  instant: { 'zh-CN': '即办件：已当场办结', 'zh-TW': '即辦件：已當場辦結', en: 'Decided on the spot' },
  due: { 'zh-CN': '预计办结日期：{date}', 'zh-TW': '預計辦結日期：{date}', en: 'Due by: {date}' },
  progress: { 'zh-CN': '扫码查询办理进度', 'zh-TW': '掃碼查詢辦理進度', en: 'Scan to follow your case' },
  evaluate: { 'zh-CN': '扫码评价本次服务', 'zh-TW': '掃碼評價本次服務', en: 'Scan to rate this service' },
} satisfies Record<string, Localized>;

const PROVISION: Record<MaterialProvision, Localized> = {
  'e-certificate': { 'zh-CN': '电子证照，免提交', 'zh-TW': '電子證照，免提交', en: 'e-certificate, not needed on paper' },
  deferred: { 'zh-CN': '容缺', 'zh-TW': '容缺', en: 'to be supplied' },
  commitment: { 'zh-CN': '告知承诺', 'zh-TW': '告知承諾', en: 'replaced by commitment' },
  paper: { 'zh-CN': '纸质', 'zh-TW': '紙本', en: 'on paper' },
};

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
const line = (text: string, extra: Partial<Extract<ReceiptItem, { type: 'text' }>> = {}): ReceiptItem => ({ type: 'text', text, ...extra });

const chinaDateTime = formatChinaDateTime;

export interface CaseReceiptContext {
  hallName: Localized;
  /** Absolute URLs the QR codes lead to; absent while the case is only queued. */
  progressUrl: string | null;
  evaluationUrl: string | null;
  printedAt: number;
}

/** A case as the receipt knows it: the server's view, or what the terminal queued (no case number yet). */
export type ReceiptCase = Omit<CaseView, 'caseNumber' | 'evaluationToken' | 'timeline' | 'status' | 'decision' | 'channel' | 'handling'> & {
  caseNumber: string | null;
  /** For a queued case: the reference to look its number up with. */
  reference: string | null;
  /** The query code (core/case-progress.ts) that, with the number or reference, shows the case's status. */
  queryCode: string | null;
};

export function caseReceipt(view: ReceiptCase, context: CaseReceiptContext, lang: Language): ReceiptDocument {
  const items: ReceiptItem[] = [
    line(context.hallName[lang], { align: 'center', bold: true }),
    line(LABELS.title[lang], { align: 'center', size: 'wide', bold: true }),
    { type: 'rule' },
  ];
  if (view.caseNumber) items.push(line(`${LABELS.caseNumber[lang]}: ${view.caseNumber}`, { bold: true }), { type: 'barcode', format: 'code128', data: view.caseNumber });
  else items.push(line(LABELS.queued[lang]), line(`${LABELS.reference[lang]}: ${view.reference ?? ''}`, { bold: true }));
  if (view.queryCode) items.push(line(`${LABELS.queryCode[lang]}: ${formatQueryCode(view.queryCode)}`, { bold: true }), line(LABELS.queryCodeHint[lang]));
  items.push(
    line(`${LABELS.item[lang]}: ${view.itemName[lang]}`),
    line(`${LABELS.applicant[lang]}: ${view.applicantMasked}`),
    line(LABELS.channel[lang]),
    { type: 'rule' },
    line(LABELS.materials[lang], { bold: true }),
    ...view.materials.filter((material) => material.provision !== 'deferred').map((material) => line(`· ${material.name}（${PROVISION[material.provision][lang]}）`)),
  );
  if (view.deferred && view.deferred.names.length > 0) {
    items.push(line(fill(LABELS.deferred[lang], { date: view.deferred.dueDate }), { bold: true }), ...view.deferred.names.map((name) => line(`· ${name}`)));
  }
  items.push({ type: 'rule' });
  if (view.promisedLimitDays === 0) items.push(line(LABELS.instant[lang]));
  else {
    items.push(line(fill(LABELS.limit[lang], { days: view.promisedLimitDays })));
    if (view.dueDate) items.push(line(fill(LABELS.due[lang], { date: view.dueDate })));
  }
  if (context.progressUrl) items.push({ type: 'qr', data: context.progressUrl, size: 5 }, line(LABELS.progress[lang], { align: 'center' }));
  if (context.evaluationUrl) items.push({ type: 'qr', data: context.evaluationUrl, size: 5 }, line(LABELS.evaluate[lang], { align: 'center' }));
  items.push(line(chinaDateTime(context.printedAt), { align: 'center' }), { type: 'feed', lines: 3 }, { type: 'cut' });
  return { items };
}

/** A short reference for a case still in the outbox, from its client id: 8 characters a citizen can type. */
export function queuedReference(clientId: string): string {
  const hex = clientId.replace(/-/g, '').toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** The result document of a case decided at once by a rule (智能审批), printed after its receipt. */
export function caseResultReceipt(result: NonNullable<CaseView['result']>, caseNumber: string, context: Pick<CaseReceiptContext, 'hallName' | 'printedAt'>, lang: Language): ReceiptDocument {
  return {
    items: [
      line(context.hallName[lang], { align: 'center', bold: true }),
      line(result.title[lang], { align: 'center', size: 'wide', bold: true }),
      { type: 'rule' },
      ...result.lines.map((text) => line(text)),
      { type: 'rule' },
      line(`${LABELS.caseNumber[lang]}: ${caseNumber}`),
      line(chinaDateTime(context.printedAt), { align: 'center' }),
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ],
  };
}
