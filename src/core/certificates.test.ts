import { describe, expect, it } from 'vitest';
import type { ServiceItem } from './catalog.ts';
import { CERTIFICATE_TYPES, certificateTypeNamed, copyWatermark, isCertificateValid, itemCertificateTypes, purposeChoices } from './certificates.ts';

const item = (code: string, certificateTypes: (string | undefined)[]): ServiceItem =>
  ({
    code,
    name: { 'zh-CN': `事项${code}`, 'zh-TW': `事項${code}`, en: `Item ${code}` },
    materials: certificateTypes.map((certificateType, index) => ({ name: `材料${index}`, form: 'original', copies: 1, required: true, ...(certificateType ? { certificateType } : {}) })),
  }) as ServiceItem;

describe('certificate types', () => {
  it('have unique codes and names, and every field key once', () => {
    expect(new Set(CERTIFICATE_TYPES.map((type) => type.code)).size).toBe(CERTIFICATE_TYPES.length);
    expect(new Set(CERTIFICATE_TYPES.map((type) => type.name['zh-CN'])).size).toBe(CERTIFICATE_TYPES.length);
    for (const type of CERTIFICATE_TYPES) expect(new Set(type.fields.map((field) => field.key)).size).toBe(type.fields.length);
    expect(certificateTypeNamed('居民户口簿')?.code).toBe('household-register');
    expect(certificateTypeNamed('护照')).toBeUndefined();
  });

  it('counts a long-term certificate as valid, and one valid until yesterday as expired', () => {
    expect(isCertificateValid({ validUntil: 'long-term' }, '2026-10-01')).toBe(true);
    expect(isCertificateValid({ validUntil: '2026-10-01' }, '2026-10-01')).toBe(true);
    expect(isCertificateValid({ validUntil: '2026-09-30' }, '2026-10-01')).toBe(false);
  });
});

describe('retrieval purposes', () => {
  const items = [item('move', ['居民身份证', '居民户口簿', '居民户口簿']), item('id-only', ['居民身份证', undefined]), item('company', ['营业执照']), item('unknown', ['护照'])];

  it('offers the items that accept a certificate other than the ID card in hand, then viewing one’s own', () => {
    expect(itemCertificateTypes(items[0]!)).toEqual(['resident-id', 'household-register']);
    const person = purposeChoices(items, 'person');
    expect(person.map((choice) => choice.purpose)).toEqual([{ kind: 'item', itemCode: 'move' }, { kind: 'own-view' }]);
    expect(person[0]!.typeCodes).toEqual(['household-register']);
    expect(person[1]!.typeCodes).toContain('resident-id');
    expect(person[1]!.typeCodes).not.toContain('business-licence');
  });

  it('offers an enterprise only its own kind of certificates', () => {
    const enterprise = purposeChoices(items, 'enterprise');
    expect(enterprise.map((choice) => choice.purpose)).toEqual([{ kind: 'item', itemCode: 'company' }, { kind: 'own-view' }]);
    expect(enterprise[1]!.typeCodes).toEqual(['business-licence']);
  });

  it('words the watermark after the purpose in every language', () => {
    const name = { 'zh-CN': '户籍迁移', 'zh-TW': '戶籍遷移', en: 'household transfer' };
    expect(copyWatermark({ kind: 'item', itemCode: 'move' }, name)).toBe('仅供办理户籍迁移使用');
    expect(copyWatermark({ kind: 'item', itemCode: 'move' }, name, 'zh-TW')).toBe('僅供辦理戶籍遷移使用');
    expect(copyWatermark({ kind: 'own-view' }, name)).toBe('仅供本人查阅使用');
  });
});
