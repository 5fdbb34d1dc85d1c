/**
 * How each material of a service item can be provided at the terminal: an e-certificate the
 * applicant holds is attached (免提交); a missing one may be deferred (容缺) where the item and the
 * material allow it, or covered by the signed commitment (告知承诺) where the item allows that.
 * A required material with none of these cannot be provided at a terminal: the citizen is sent to
 * a window instead of being let through to a refusal.
 */
import type { Material, ServiceItem } from './catalog.ts';
import type { MaterialProvision, ProvidedMaterial } from './cases.ts';
import { capturedAtTerminal, IDENTITY_DOCUMENT_TYPE, isIdentityDocument } from './case-intake.ts';
import { certificateTypeNamed } from './certificates.ts';

export interface MaterialPlan {
  material: Material;
  /** Made at the terminal itself: the identity document by the identification, an on-screen form by filling it in. */
  atTerminal?: 'identity' | 'form';
  /** What the citizen may choose from; empty when nothing at the terminal can provide it. */
  options: MaterialProvision[];
  /** The current choice; null for an optional material left out, or a required one that blocks. */
  provision: MaterialProvision | null;
  certificateId?: string;
}

/**
 * `held`: the applicant's certificates by type code, as retrieved with their consent; null when
 * they could not be looked up (offline), in which case the server attaches them on arrival.
 */
export function planMaterials(item: Pick<ServiceItem, 'materials' | 'missingMaterialAllowed' | 'commitmentAllowed'>, held: ReadonlyMap<string, string> | null): MaterialPlan[] {
  return item.materials.map((material) => {
    if (capturedAtTerminal(material)) {
      return isIdentityDocument(material)
        ? { material, atTerminal: 'identity', options: [], provision: 'e-certificate', ...(held && identityId(held) ? { certificateId: identityId(held)! } : {}) }
        : { material, atTerminal: 'form', options: [], provision: null };
    }
    const type = material.certificateType ? certificateTypeNamed(material.certificateType) : undefined;
    const certificateId = type ? held?.get(type.code) : undefined;
    if (certificateId) return { material, options: ['e-certificate'], provision: 'e-certificate', certificateId };
    const options: MaterialProvision[] = [];
    if (type && held === null) options.push('e-certificate');
    if (material.deferrable && item.missingMaterialAllowed) options.push('deferred');
    if (item.commitmentAllowed) options.push('commitment');
    return { material, options, provision: material.required ? (options[0] ?? null) : null };
  });
}

const identityId = (held: ReadonlyMap<string, string>) => held.get(IDENTITY_DOCUMENT_TYPE);

/** A required material nothing at the terminal can provide: the case belongs at a window. */
export const blockingMaterials = (plans: readonly MaterialPlan[]) => plans.filter((plan) => plan.material.required && plan.provision === null && !plan.atTerminal);

export const needsCommitment = (plans: readonly MaterialPlan[]) => plans.some((plan) => plan.provision === 'commitment');

export function chooseProvision(plans: readonly MaterialPlan[], name: string, provision: MaterialProvision | null): MaterialPlan[] {
  return plans.map((plan) => (plan.material.name === name && (provision === null ? !plan.material.required : plan.options.includes(provision)) ? { ...plan, provision } : plan));
}

export function providedMaterials(plans: readonly MaterialPlan[]): ProvidedMaterial[] {
  return plans.flatMap((plan) =>
    plan.provision === null ? [] : [{ name: plan.material.name, provision: plan.provision, ...(plan.certificateId ? { certificateId: plan.certificateId } : {}) }],
  );
}
