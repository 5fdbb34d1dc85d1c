import { describe, expect, it } from 'vitest';
import type { Material } from './catalog.ts';
import { blockingMaterials, chooseProvision, needsCommitment, planMaterials, providedMaterials } from './case-materials.ts';

const material = (name: string, extra: Partial<Material> = {}): Material => ({ name, form: 'original', copies: 1, required: true, ...extra });
const item = (materials: Material[], flags: { missingMaterialAllowed?: boolean; commitmentAllowed?: boolean } = {}) => ({
  materials,
  missingMaterialAllowed: flags.missingMaterialAllowed ?? false,
  commitmentAllowed: flags.commitmentAllowed ?? false,
});

describe('materials at the terminal', () => {
  const transfer = item(
    [
      material('居民户口簿', { certificateType: '居民户口簿' }),
      material('不动产权证书', { certificateType: '不动产权证书' }),
      material('迁入地同意证明', { deferrable: true }),
      material('其他说明', { required: false }),
    ],
    { missingMaterialAllowed: true },
  );

  it('attaches the certificates the applicant holds, defers the deferrable, leaves optional ones out', () => {
    const plans = planMaterials(transfer, new Map([['household-register', 'c1'], ['real-estate', 'c2']]));
    expect(plans.map((plan) => plan.provision)).toEqual(['e-certificate', 'e-certificate', 'deferred', null]);
    expect(blockingMaterials(plans)).toEqual([]);
    expect(providedMaterials(plans)).toEqual([
      { name: '居民户口簿', provision: 'e-certificate', certificateId: 'c1' },
      { name: '不动产权证书', provision: 'e-certificate', certificateId: 'c2' },
      { name: '迁入地同意证明', provision: 'deferred' },
    ]);
  });

  it('counts the ID card as provided by the identification, and an on-screen form as made here', () => {
    const plans = planMaterials(item([material('居民身份证', { certificateType: '居民身份证' }), material('申请表', { form: 'electronic' })]), new Map());
    expect(plans.map((plan) => [plan.atTerminal, plan.provision])).toEqual([['identity', 'e-certificate'], ['form', null]]);
    expect(blockingMaterials(plans)).toEqual([]);
    expect(providedMaterials(plans)).toEqual([{ name: '居民身份证', provision: 'e-certificate' }]);
  });

  it('blocks a required certificate the applicant does not hold when nothing else may stand in', () => {
    const plans = planMaterials(transfer, new Map([['household-register', 'c1']]));
    expect(blockingMaterials(plans).map((plan) => plan.material.name)).toEqual(['不动产权证书']);
  });

  it('offline, leaves the certificates to the server and still offers the alternatives', () => {
    const plans = planMaterials(item([material('居民户口簿', { certificateType: '居民户口簿', deferrable: true })], { missingMaterialAllowed: true, commitmentAllowed: true }), null);
    expect(plans[0]!.options).toEqual(['e-certificate', 'deferred', 'commitment']);
    expect(plans[0]!.provision).toBe('e-certificate');
  });

  it('lets the citizen choose among the options only, and asks for the commitment when it is chosen', () => {
    const plans = planMaterials(item([material('收入证明', { deferrable: true })], { missingMaterialAllowed: true, commitmentAllowed: true }), new Map());
    expect(needsCommitment(plans)).toBe(false);
    const committed = chooseProvision(plans, '收入证明', 'commitment');
    expect(needsCommitment(committed)).toBe(true);
    expect(chooseProvision(plans, '收入证明', 'e-certificate')).toEqual(plans);
    expect(chooseProvision(plans, '收入证明', null)).toEqual(plans);
  });
});
