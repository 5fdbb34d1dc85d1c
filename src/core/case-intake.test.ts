import { describe, expect, it } from 'vitest';
import { capturedAtTerminal, resolveIntake, type HeldCertificates } from './case-intake.ts';
import type { Material, ServiceItem } from './catalog.ts';
import type { ProvidedMaterial } from './cases.ts';

const material = (name: string, extra: Partial<Material> = {}): Material => ({ name, form: 'original', copies: 1, required: true, ...extra });

const TRANSFER: Pick<ServiceItem, 'materials' | 'missingMaterialAllowed' | 'commitmentAllowed'> = {
  missingMaterialAllowed: true,
  commitmentAllowed: false,
  materials: [
    material('居民户口簿', { certificateType: '居民户口簿' }),
    material('居民身份证', { certificateType: '居民身份证' }),
    material('住所证明', { certificateType: '不动产权证书' }),
    material('申请表', { form: 'electronic' }),
    material('共有人同意书', { deferrable: true }),
    material('结婚证', { required: false, certificateType: '结婚证' }),
  ],
};

const HELD: HeldCertificates = new Map([
  ['household-register', ['hr-1']],
  ['real-estate', ['re-1', 're-2']],
  ['marriage', ['m-1']],
]);

const resolve = (declared: ProvidedMaterial[], options: { held?: HeldCertificates; item?: typeof TRANSFER; signed?: boolean } = {}) =>
  resolveIntake({ item: options.item ?? TRANSFER, applicantKind: 'person', held: options.held ?? HELD, declared, signedCommitment: options.signed ?? false });

describe('materials of a terminal case', () => {
  it('attaches held e-certificates, accounts for the ID card by the identification, and defers what the item lets it', () => {
    const result = resolve([{ name: '共有人同意书', provision: 'deferred' }]);
    expect(result).toEqual({
      ok: true,
      intake: {
        materials: [
          { name: '居民户口簿', provision: 'e-certificate', certificateId: 'hr-1' },
          { name: '居民身份证', provision: 'e-certificate' },
          { name: '住所证明', provision: 'e-certificate', certificateId: 're-1' },
          { name: '共有人同意书', provision: 'deferred' },
        ],
        attached: [
          { material: '居民户口簿', certificateId: 'hr-1', typeCode: 'household-register' },
          { material: '住所证明', certificateId: 're-1', typeCode: 'real-estate' },
        ],
        deferred: ['共有人同意书'],
      },
    });
  });

  it('takes the certificate the terminal named when the applicant holds it, and ignores one they do not', () => {
    const named = resolve([{ name: '住所证明', provision: 'e-certificate', certificateId: 're-2' }, { name: '共有人同意书', provision: 'deferred' }]);
    expect(named.ok && named.intake.materials[2]).toEqual({ name: '住所证明', provision: 'e-certificate', certificateId: 're-2' });
    const foreign = resolve([{ name: '住所证明', provision: 'e-certificate', certificateId: 'someone-elses' }, { name: '共有人同意书', provision: 'deferred' }]);
    expect(foreign.ok && foreign.intake.materials[2]).toEqual({ name: '住所证明', provision: 'e-certificate', certificateId: 're-1' });
  });

  it('attaches an optional certificate only when the terminal listed the material', () => {
    const listed = resolve([{ name: '共有人同意书', provision: 'deferred' }, { name: '结婚证', provision: 'e-certificate' }]);
    expect(listed.ok && listed.intake.attached.map((a) => a.typeCode)).toEqual(['household-register', 'real-estate', 'marriage']);
  });

  it('names every required material nobody provided, even if the terminal said e-certificate or paper', () => {
    const result = resolve([{ name: '居民户口簿', provision: 'e-certificate' }, { name: '共有人同意书', provision: 'paper' }], { held: new Map() });
    expect(result).toEqual({ ok: false, problem: { code: 'missing-materials', materials: ['居民户口簿', '住所证明', '共有人同意书'] } });
  });

  it('refuses a deferral of a material that is not deferrable, or on an item without 容缺', () => {
    expect(resolve([{ name: '住所证明', provision: 'deferred' }, { name: '共有人同意书', provision: 'deferred' }], { held: new Map([['household-register', ['hr-1']]]) })).toEqual({
      ok: false,
      problem: { code: 'deferral-not-allowed', materials: ['住所证明'] },
    });
    expect(resolve([{ name: '共有人同意书', provision: 'deferred' }], { item: { ...TRANSFER, missingMaterialAllowed: false } })).toMatchObject({ ok: false, problem: { code: 'deferral-not-allowed' } });
  });

  it('takes a commitment only where the item allows it and the applicant signed', () => {
    const item = { ...TRANSFER, commitmentAllowed: true };
    expect(resolve([{ name: '共有人同意书', provision: 'commitment' }])).toMatchObject({ ok: false, problem: { code: 'commitment-not-allowed' } });
    expect(resolve([{ name: '共有人同意书', provision: 'commitment' }], { item })).toMatchObject({ ok: false, problem: { code: 'commitment-required' } });
    const signed = resolve([{ name: '共有人同意书', provision: 'commitment' }], { item, signed: true });
    expect(signed.ok && signed.intake.materials.at(-1)).toEqual({ name: '共有人同意书', provision: 'commitment' });
  });

  it('refuses materials the item does not have', () => {
    expect(resolve([{ name: '营业执照', provision: 'paper' }])).toEqual({ ok: false, problem: { code: 'unknown-material', materials: ['营业执照'] } });
  });

  it('does not attach a person’s certificate type for an enterprise, nor an enterprise’s for a person', () => {
    const item = { ...TRANSFER, materials: [material('营业执照', { certificateType: '营业执照' }), material('查询人居民身份证', { certificateType: '居民身份证' })] };
    const person = resolveIntake({ item, applicantKind: 'person', held: new Map([['business-licence', ['bl-1']]]), declared: [], signedCommitment: false });
    expect(person).toEqual({ ok: false, problem: { code: 'missing-materials', materials: ['营业执照'] } });
    const enterprise = resolveIntake({ item, applicantKind: 'enterprise', held: new Map([['business-licence', ['bl-1']]]), declared: [], signedCommitment: false });
    expect(enterprise.ok && enterprise.intake.materials).toEqual([
      { name: '营业执照', provision: 'e-certificate', certificateId: 'bl-1' },
      { name: '查询人居民身份证', provision: 'e-certificate' },
    ]);
  });

  it('knows what the terminal makes itself', () => {
    expect(capturedAtTerminal(material('申请表', { form: 'electronic' }))).toBe(true);
    expect(capturedAtTerminal(material('居民身份证', { certificateType: '居民身份证' }))).toBe(true);
    expect(capturedAtTerminal(material('居民户口簿', { certificateType: '居民户口簿' }))).toBe(false);
  });
});
