/**
 * Consent to retrieve certificates (免证办): the identified citizen names a purpose at the
 * terminal and taps "同意并调取"; only then does the server open the holder's certificates of the
 * types that purpose needs, for this terminal, for a few minutes. The consent token is all the
 * terminal holds; it is derived from the consent id with the hall's secret, so a repeated
 * request (same clientId) gets the same token back without the token being stored.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { itemPurposeTypes, ownViewTypes, OWN_VIEW_NAME, type HolderKind, type Purpose } from '../../core/certificates.ts';
import type { ConsentGrant, ConsentRequest } from '../../core/certificate-wire.ts';
import { checkIdNumber, maskIdNumber } from '../../core/id-number.ts';
import type { Localized } from '../../core/language.ts';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { holderHash, sha256 } from '../security.ts';
import { loadCatalog } from './catalog.ts';
import { verifyCardAssertion } from './device-keys.ts';
import { verifyIdentityCodeOnServer } from './identity-codes.ts';
import { fail, type Result } from './result.ts';
import { admitIdentity, recordRefusedIdentity, refuseIfSuspended } from './terminal-limits.ts';

/** Longer than the longest citizen session (600 s idle), shorter than anyone's lunch. */
export const CONSENT_LIFETIME_MS = 15 * 60 * 1000;
const MAX_NAME = 64;

export type ConsentPurpose = Purpose & { name: Localized };

export interface Consent {
  id: string;
  terminalId: string;
  holderHash: string;
  holderKind: HolderKind;
  purpose: ConsentPurpose;
  typeCodes: string[];
  retrievedAt: number | null;
}

interface Holder {
  kind: HolderKind;
  id: string;
  name: string;
  method: 'card' | 'code';
}

const consentToken = (ctx: HallContext, consentId: string) => createHmac('sha256', ctx.pepper).update(`consent\n${consentId}`).digest('base64url');

/**
 * Who the request proves stands at the terminal. A card counts only with a fresh card assertion
 * of this terminal's device key for that very number and name, used for this request alone; the
 * terminal's say-so (a number in the body) is no proof.
 */
async function identify(ctx: HallContext, request: ConsentRequest, terminal: TerminalRow): Promise<Result<Holder>> {
  const { identity } = request;
  if (identity.kind === 'card') {
    const checked = checkIdNumber(identity.idNumber);
    const name = identity.name.trim();
    if (!checked.ok) return fail(400, 'invalid-id-number', 'The ID number of the card fails its check digit');
    if (name === '' || name.length > MAX_NAME) return fail(400, 'invalid-name', 'The card holder’s name is missing or too long');
    const asserted = await verifyCardAssertion(ctx, terminal, identity.assertion, { idNumber: checked.idNumber, name }, { kind: 'now' }, `consent:${request.clientId}`);
    if (!asserted.ok) {
      await recordRefusedIdentity(ctx, terminal, `card:${asserted.reason}`);
      return fail(422, 'card-assertion-refused', 'The card was not read by this terminal’s reader just now', { reason: asserted.reason });
    }
    return { ok: true, value: { kind: 'person', id: checked.idNumber, name, method: 'card' } };
  }
  const claims = await verifyIdentityCodeOnServer(ctx, identity.code, terminal.id);
  if (!claims.ok) {
    await recordRefusedIdentity(ctx, terminal, `code:${claims.reason}`);
    return fail(422, 'identity-code-refused', 'The identity code was refused', { reason: claims.reason });
  }
  return { ok: true, value: { kind: claims.value.subjectKind, id: claims.value.subject, name: claims.value.name, method: 'code' } };
}

async function resolvePurpose(ctx: HallContext, purpose: Purpose, kind: HolderKind): Promise<Result<{ purpose: ConsentPurpose; typeCodes: string[] }>> {
  if (purpose.kind === 'own-view') return { ok: true, value: { purpose: { kind: 'own-view', name: OWN_VIEW_NAME }, typeCodes: ownViewTypes(kind) } };
  const item = (await loadCatalog(ctx.db)).catalog.items.find((candidate) => candidate.code === purpose.itemCode);
  if (!item) return fail(404, 'unknown-item', 'No such service item');
  const typeCodes = itemPurposeTypes(item, kind);
  if (typeCodes.length === 0) return fail(400, 'purpose-needs-no-certificate', 'This service item takes no electronic certificate of this holder');
  return { ok: true, value: { purpose: { kind: 'item', itemCode: item.code, name: item.name }, typeCodes } };
}

function grantOf(ctx: HallContext, row: { id: string; created_at: number; expires_at: number; purpose: string; type_codes: string; holder_kind: HolderKind }, holder: { name: string; idMasked: string }, terminalName: string): ConsentGrant {
  return {
    consentToken: consentToken(ctx, row.id),
    holder: { kind: row.holder_kind, ...holder },
    purpose: JSON.parse(row.purpose) as ConsentPurpose,
    typeCodes: JSON.parse(row.type_codes) as string[],
    terminalName,
    grantedAt: new Date(Number(row.created_at)).toISOString(),
    expiresAt: new Date(Number(row.expires_at)).toISOString(),
  };
}

/**
 * Records the consent and answers its token. The identity is proven on every call, a repeat too:
 * a repeat of a clientId (a retry after a lost answer) with the same proof answers the first
 * consent, and nothing else does.
 */
export async function grantConsent(ctx: HallContext, terminal: TerminalRow, request: ConsentRequest): Promise<Result<ConsentGrant>> {
  const holder = await identify(ctx, request, terminal);
  if (!holder.ok) return holder;
  const holderId = holderHash(ctx.pepper, holder.value.id);
  const shown = { name: holder.value.name, idMasked: maskIdNumber(holder.value.id) };
  const earlier = await ctx.db.selectFrom('certificate_consents').selectAll().where('client_id', '=', request.clientId).executeTakeFirst();
  if (earlier) {
    if (earlier.terminal_id !== terminal.id || earlier.holder_hash !== holderId) return fail(409, 'client-id-in-use', 'This clientId belongs to another consent');
    return { ok: true, value: grantOf(ctx, earlier, shown, terminal.name) };
  }
  const resolved = await resolvePurpose(ctx, request.purpose, holder.value.kind);
  if (!resolved.ok) return resolved;
  const now = ctx.clock.now();
  const admitted = await admitIdentity(ctx, terminal, { holderHash: holderId, at: now, consent: true });
  if (!admitted.ok) return admitted;
  const id = randomUUID();
  const row = {
    id,
    client_id: request.clientId,
    token_hash: sha256(consentToken(ctx, id)),
    terminal_id: terminal.id,
    holder_hash: holderId,
    holder_kind: holder.value.kind,
    identity_method: holder.value.method,
    purpose: JSON.stringify(resolved.value.purpose),
    type_codes: JSON.stringify(resolved.value.typeCodes),
    created_at: now,
    expires_at: now + CONSENT_LIFETIME_MS,
    retrieved_at: null,
    ended_at: null,
  };
  try {
    await ctx.db.insertInto('certificate_consents').values(row).execute();
  } catch (error) {
    // A concurrent repeat of the clientId won the unique constraint: answer with its consent.
    const winner = await ctx.db.selectFrom('certificate_consents').select('id').where('client_id', '=', request.clientId).executeTakeFirst();
    if (!winner) throw error;
    return grantConsent(ctx, terminal, request);
  }
  return { ok: true, value: grantOf(ctx, row, shown, terminal.name) };
}

/** The consent a token opens, at this terminal, while it lasts. */
export async function consentOf(ctx: HallContext, terminal: TerminalRow, token: string): Promise<Result<Consent>> {
  const row = await ctx.db.selectFrom('certificate_consents').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.terminal_id !== terminal.id) return fail(403, 'consent-required', 'The citizen has not consented to this retrieval at this terminal');
  if (row.ended_at !== null || Number(row.expires_at) <= ctx.clock.now()) return fail(403, 'consent-expired', 'The consent has ended; please identify again');
  // A suspension closes what the terminal had already opened, too.
  const open = await refuseIfSuspended(ctx, terminal.id);
  if (!open.ok) return open;
  return {
    ok: true,
    value: {
      id: row.id,
      terminalId: row.terminal_id,
      holderHash: row.holder_hash,
      holderKind: row.holder_kind,
      purpose: JSON.parse(row.purpose) as ConsentPurpose,
      typeCodes: JSON.parse(row.type_codes) as string[],
      retrievedAt: row.retrieved_at === null ? null : Number(row.retrieved_at),
    },
  };
}

/** The session ended (exit, idle, card removed): the token opens nothing any more. */
export async function endConsent(ctx: HallContext, terminal: TerminalRow, token: string): Promise<void> {
  await ctx.db.updateTable('certificate_consents').set({ ended_at: ctx.clock.now() }).where('token_hash', '=', sha256(token)).where('terminal_id', '=', terminal.id).where('ended_at', 'is', null).execute();
}
