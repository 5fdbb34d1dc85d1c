import { describe, expect, it } from 'vitest';
import type { ServiceItem } from './catalog.ts';
import { guideChecklistReceipt, limitText, materialForm } from './guide-receipt.ts';
import { parseReceiptDocument, type ReceiptDocument } from './receipt.ts';

const HALL = { 'zh-CN': '示例市政务服务中心', 'zh-TW': '示例市政務服務中心', en: 'Example City Government Service Center' };
/** 2026-10-01 20:30 in Beijing. */
const PRINTED_AT = Date.parse('2026-10-01T20:30:00+08:00');

const transfer: ServiceItem = {
  code: 'household-transfer-in-city',
  name: { 'zh-CN': '户口迁移（市内）', 'zh-TW': '戶口遷移（市內）', en: 'Household Registration Transfer (within the City)' },
  itemType: 'administrative-confirmation',
  handling: 'promised',
  department: '示例市公安局',
  categoryCode: 'household',
  lifeEvents: ['购房'],
  conditions: ['在本市范围内有合法稳定住所的本市户籍居民，可申请将户口迁入新住所。'],
  materials: [
    { name: '居民户口簿', form: 'original', copies: 1, required: true, certificateType: '居民户口簿' },
    { name: '迁入地住所证明', form: 'original-and-copy', copies: 2, required: true, deferrable: true },
    { name: '户口迁移申请表', form: 'original', copies: 1, required: false, note: '可在窗口或自助终端填写' },
  ],
  statutoryLimitDays: 10,
  promisedLimitDays: 3,
  fee: '不收费',
  place: '示例市政务服务中心一楼A区 1-3号窗口',
  hours: '周一至周五 9:00-17:30',
  onlineUrl: 'https://zwfw.example.gov.cn/item/household-transfer-in-city',
  consultPhone: '0000-12345601',
  complaintPhone: '0000-12345',
  kioskSubmittable: false,
  commitmentAllowed: false,
  missingMaterialAllowed: true,
};

const texts = (receipt: ReceiptDocument) => receipt.items.flatMap((item) => (item.type === 'text' ? [item.text] : []));

describe('一次性告知单 (checklist of materials)', () => {
  it('lists every material with its form, copies, whether it is required, and what replaces or defers it', () => {
    const lines = texts(guideChecklistReceipt(transfer, { hallName: HALL, printedAt: PRINTED_AT }, 'zh-CN'));
    expect(lines).toContain('一次性告知单');
    expect(lines).toContain('户口迁移（市内）');
    expect(lines).toContain('申请材料（共3项）');
    expect(lines).toContain('1. 居民户口簿');
    expect(lines).toContain('   原件 · 1份 · 必需');
    expect(lines).toContain('   可免提交：调用电子证照（居民户口簿）');
    expect(lines).toContain('2. 迁入地住所证明');
    expect(lines).toContain('   原件及复印件 · 2份 · 必需');
    expect(lines).toContain('   可容缺后补');
    expect(lines).toContain('   原件 · 1份 · 视情形提供');
    expect(lines).toContain('   可在窗口或自助终端填写');
  });

  it('tells limits, fee, conditions, 容缺, place, hours, phones and the online address with its QR', () => {
    const receipt = guideChecklistReceipt(transfer, { hallName: HALL, printedAt: PRINTED_AT }, 'zh-CN');
    const lines = texts(receipt);
    expect(lines).toEqual(
      expect.arrayContaining([
        '实施部门：示例市公安局',
        '办件类型：承诺件',
        '承诺时限：3个工作日',
        '法定时限：10个工作日',
        '收费：不收费',
        '· 在本市范围内有合法稳定住所的本市户籍居民，可申请将户口迁入新住所。',
        '可容缺受理：次要材料暂缺可先受理，限期补齐',
        '办理地点：示例市政务服务中心一楼A区 1-3号窗口',
        '办理时间：周一至周五 9:00-17:30',
        '咨询电话：0000-12345601',
        '投诉电话：0000-12345',
        '网上办理：https://zwfw.example.gov.cn/item/household-transfer-in-city',
        '打印时间 2026-10-01 20:30',
      ]),
    );
    expect(lines.some((text) => text.startsWith('可告知承诺'))).toBe(false);
    expect(receipt.items).toContainEqual({ type: 'qr', data: transfer.onlineUrl, size: 5 });
    expect(receipt.items.at(-1)).toEqual({ type: 'cut' });
  });

  it('says "on the spot" for an instant item and leaves out the QR without an online address', () => {
    const instant: ServiceItem = { ...transfer, handling: 'instant', promisedLimitDays: 0, statutoryLimitDays: 0, onlineUrl: null, commitmentAllowed: true };
    const receipt = guideChecklistReceipt(instant, { hallName: HALL, printedAt: PRINTED_AT }, 'zh-CN');
    expect(texts(receipt)).toEqual(expect.arrayContaining(['办件类型：即办件', '承诺时限：当场办结', '可告知承诺：书面承诺可代替部分证明材料']));
    expect(receipt.items.some((item) => item.type === 'qr')).toBe(false);
  });

  it('labels in the citizen language and keeps the department’s own Chinese fields', () => {
    const lines = texts(guideChecklistReceipt(transfer, { hallName: HALL, printedAt: PRINTED_AT }, 'en'));
    expect(lines).toEqual(
      expect.arrayContaining(['Example City Government Service Center', 'Checklist of materials', 'Household Registration Transfer (within the City)', 'Materials (3)', '   Original · 1 cop. · Required', 'Promised limit: 3 working days', 'Department: 示例市公安局']),
    );
    expect(texts(guideChecklistReceipt(transfer, { hallName: HALL, printedAt: PRINTED_AT }, 'zh-TW'))).toEqual(expect.arrayContaining(['一次性告知單', '   正本及影本 · 2份 · 必需']));
    expect(limitText(0, 'en')).toBe('on the spot');
    expect(materialForm(transfer.materials[0]!, 'zh-TW')).toBe('正本 · 1份 · 必需');
  });

  it('is a document the printer accepts, even with very long catalog text', () => {
    const long: ServiceItem = { ...transfer, conditions: ['条'.repeat(2000)], materials: Array.from({ length: 20 }, (_, i) => ({ ...transfer.materials[0]!, name: `材料${i}` })) };
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const receipt = guideChecklistReceipt(long, { hallName: HALL, printedAt: PRINTED_AT }, lang);
      expect(parseReceiptDocument(JSON.parse(JSON.stringify(receipt)))).toEqual(receipt);
    }
  });
});
