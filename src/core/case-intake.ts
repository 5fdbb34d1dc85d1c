/**
 * What the hall server accepts as the materials of a self-service case (自助申办), as pure rules:
 * every required material of the item accounted for, and each one in a way the item allows.
 *
 * - An e-certificate the applicant holds (valid, of the material's type) is attached by the
 *   server from the certificate library, whatever the terminal said (免提交: the citizen never
 *   hands over what the government already issued). The terminal may name which of several.
 * - The identity document (居民身份证) is accounted for by the identification at the terminal
 *   (the card in the reader, or a verified identity code): attached from the library when it is
 *   there, else recorded as an e-certificate without a library id.
 * - A material of form `electronic` is made at the terminal itself (the application form filled
 *   in on screen, a permit's chip read): nothing to hand over, and not listed among the
 *   materials received.
 * - Otherwise the terminal's declaration counts: `deferred` (容缺) only where the item accepts
 *   missing materials and the material is deferrable; `commitment` (告知承诺) only where the
 *   item allows it and the commitment was accepted and signed. `paper` cannot be handed over at
 *   a terminal: a required material declared so is missing.
 */
import type { Material, ServiceItem } from './catalog.ts';
import type { HolderKind } from './certificates.ts';
import { certificateType, certificateTypeNamed } from './certificates.ts';
import type { ProvidedMaterial } from './cases.ts';

/** The type code of the identity document the terminal itself checks. */
export const IDENTITY_DOCUMENT_TYPE = 'resident-id';

/** The applicant's valid certificates in the library, by type code, each list in a stable order. */
export type HeldCertificates = ReadonlyMap<string, readonly string[]>;

export type IntakeProblemCode = 'unknown-material' | 'missing-materials' | 'deferral-not-allowed' | 'commitment-not-allowed' | 'commitment-required';

export interface IntakeProblem {
  code: IntakeProblemCode;
  /** The materials concerned, by the names the service guide gives them. */
  materials: string[];
}

export interface Intake {
  materials: ProvidedMaterial[];
  /** Library certificates attached, to be logged in the usage log (one row each). */
  attached: { material: string; certificateId: string; typeCode: string }[];
  /** 容缺: names of the materials to be supplied later. */
  deferred: string[];
}

export type IntakeResult = { ok: true; intake: Intake } | { ok: false; problem: IntakeProblem };

/** Made at the terminal: nothing for the applicant to hand over (see above). */
export function capturedAtTerminal(material: Pick<Material, 'form' | 'certificateType'>): boolean {
  return material.form === 'electronic' || isIdentityDocument(material);
}

export function isIdentityDocument(material: Pick<Material, 'certificateType'>): boolean {
  return material.certificateType !== undefined && certificateTypeNamed(material.certificateType)?.code === IDENTITY_DOCUMENT_TYPE;
}

/** The type code of the material's e-certificate, if a holder of `kind` can have one. */
function certificateTypeFor(material: Material, kind: HolderKind): string | null {
  const type = material.certificateType ? certificateTypeNamed(material.certificateType) : undefined;
  return type && certificateType(type.code)?.holderKind === kind ? type.code : null;
}

type ItemRules = Pick<ServiceItem, 'materials' | 'missingMaterialAllowed' | 'commitmentAllowed'>;

interface IntakeInput {
  item: ItemRules;
  applicantKind: HolderKind;
  held: HeldCertificates;
  declared: readonly ProvidedMaterial[];
  /** The applicant accepted and signed the item's commitment. */
  signedCommitment: boolean;
}

type Outcome = { provided: ProvidedMaterial; attach?: { certificateId: string; typeCode: string } } | { problem: IntakeProblemCode } | null;

function attachment(material: Material, input: IntakeInput, declared: ProvidedMaterial | undefined): Outcome {
  const typeCode = certificateTypeFor(material, input.applicantKind);
  const held = typeCode ? (input.held.get(typeCode) ?? []) : [];
  if (!typeCode || held.length === 0) return null;
  const chosen = declared?.certificateId && held.includes(declared.certificateId) ? declared.certificateId : held[0]!;
  return { provided: { name: material.name, provision: 'e-certificate', certificateId: chosen }, attach: { certificateId: chosen, typeCode } };
}

function declaredOutcome(material: Material, input: IntakeInput, declared: ProvidedMaterial | undefined): Outcome {
  switch (declared?.provision) {
    case 'deferred':
      return input.item.missingMaterialAllowed && material.deferrable ? { provided: { name: material.name, provision: 'deferred' } } : { problem: 'deferral-not-allowed' };
    case 'commitment':
      if (!input.item.commitmentAllowed) return { problem: 'commitment-not-allowed' };
      return input.signedCommitment ? { provided: { name: material.name, provision: 'commitment' } } : { problem: 'commitment-required' };
    default:
      return material.required ? { problem: 'missing-materials' } : null;
  }
}

function outcomeOf(material: Material, input: IntakeInput, declared: ProvidedMaterial | undefined): Outcome {
  if (material.form === 'electronic') return null;
  // An optional material is looked for only when the terminal listed it: nothing the citizen did not ask for is attached.
  if (!material.required && !declared) return null;
  const attached = attachment(material, input, declared);
  if (attached) return attached;
  if (isIdentityDocument(material)) return { provided: { name: material.name, provision: 'e-certificate' } };
  return declaredOutcome(material, input, declared);
}

/** The materials of a terminal case as the server records them, or the first kind of problem with the materials concerned. */
export function resolveIntake(input: IntakeInput): IntakeResult {
  const byName = new Map(input.item.materials.map((material) => [material.name, material]));
  const unknown = input.declared.filter((entry) => !byName.has(entry.name)).map((entry) => entry.name);
  if (unknown.length > 0) return { ok: false, problem: { code: 'unknown-material', materials: unknown } };
  const declared = new Map(input.declared.map((entry) => [entry.name, entry]));

  const intake: Intake = { materials: [], attached: [], deferred: [] };
  const problems = new Map<IntakeProblemCode, string[]>();
  for (const material of input.item.materials) {
    const outcome = outcomeOf(material, input, declared.get(material.name));
    if (outcome === null) continue;
    if ('problem' in outcome) {
      problems.set(outcome.problem, [...(problems.get(outcome.problem) ?? []), material.name]);
      continue;
    }
    intake.materials.push(outcome.provided);
    if (outcome.attach) intake.attached.push({ material: material.name, ...outcome.attach });
    if (outcome.provided.provision === 'deferred') intake.deferred.push(material.name);
  }
  // Missing materials first: the citizen has to go to a window for those whatever else is wrong.
  for (const code of ['missing-materials', 'deferral-not-allowed', 'commitment-not-allowed', 'commitment-required'] as const) {
    const materials = problems.get(code);
    if (materials) return { ok: false, problem: { code, materials } };
  }
  return { ok: true, intake };
}
