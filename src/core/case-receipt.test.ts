import { describe, expect, it } from 'vitest';
import { caseReceipt, queuedReference, type ReceiptCase } from './case-receipt.ts';
import { parseReceiptDocument } from './receipt.ts';

const hallName = { 'zh-CN': '示例市政务服务中心', 'zh-TW': '示例市政務服務中心', en: 'Example City Government Service Center' };
const view: ReceiptCase = {
  caseNumber: 'ZW20261124000123',
  reference: null,
  queryCode: '7K3M9Q01',
  itemCode: 'household-transfer-in-city',
  itemName: { 'zh-CN': '户口迁移（市内）', 'zh-TW': '戶口遷移（市內）', en: 'Household transfer' },
  applicantMasked: '林** 9901**********0139',
  materials: [
    { name: '居民户口簿', provision: 'e-certificate', certificateId: 'c1' },
    { name: '不动产权证书', provision: 'e-certificate', certificateId: 'c2' },
    { name: '迁入地同意证明', provision: 'deferred' },
  ],
  deferred: { names: ['迁入地同意证明'], dueDate: '2026-11-27' },
  promisedLimitDays: 5,
  dueDate: '2026-12-01',
  result: null,
};
const context = { hallName, progressUrl: 'http://hall/case/tok', evaluationUrl: 'http://hall/evaluate/case/tok', printedAt: Date.parse('2026-11-24T10:05:00+08:00') };
const texts = (doc: ReturnType<typeof caseReceipt>) => doc.items.flatMap((item) => (item.type === 'text' ? [item.text] : []));

describe('case receipt', () => {
  it('names the case, the materials received, the 容缺 items with their deadline, the limit and due date, with two QR codes', () => {
    const doc = caseReceipt(view, context, 'zh-CN');
    expect(parseReceiptDocument(doc)).toEqual(doc);
    const lines = texts(doc).join('\n');
    expect(lines).toContain('办件编号: ZW20261124000123');
    expect(lines).toContain('查询密码: 7K3M-9Q01');
    expect(lines).toContain('· 居民户口簿（电子证照，免提交）');
    expect(lines).toContain('容缺材料（请于 2026-11-27 前补交）');
    expect(lines).toContain('· 迁入地同意证明');
    expect(lines).toContain('承诺时限：5 个工作日');
    expect(lines).toContain('预计办结日期：2026-12-01');
    expect(lines).toContain('自助终端（非人工办理）');
    expect(doc.items.filter((item) => item.type === 'qr').map((item) => item.type === 'qr' && item.data)).toEqual([context.progressUrl, context.evaluationUrl]);
  });

  it('says a queued case is saved and gives its reference instead of a number', () => {
    const doc = caseReceipt({ ...view, caseNumber: null, reference: queuedReference('3f2a9c1e-0000-4000-8000-000000000000') }, { ...context, progressUrl: null, evaluationUrl: null }, 'en');
    const lines = texts(doc).join('\n');
    expect(lines).toContain('saved on this terminal');
    expect(lines).toContain('Reference: 3F2A-9C1E');
    // Made by the terminal, so the receipt printed offline has its code too.
    expect(lines).toContain('Query code: 7K3M-9Q01');
    expect(doc.items.some((item) => item.type === 'qr' || item.type === 'barcode')).toBe(false);
  });

  it('prints no query code line for a case without one (a window case)', () => {
    const lines = texts(caseReceipt({ ...view, queryCode: null }, context, 'zh-TW')).join('\n');
    expect(lines).not.toContain('查詢密碼');
  });
});
