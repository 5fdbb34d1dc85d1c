import { randomUUID } from 'node:crypto';
import { formatChinaIso } from '../../core/china-time.ts';
import { appealWindow, APPEAL_WINDOW_NATURAL_DAYS } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import type { CardAppealTable } from '../db/schema.ts';
import { fail, type Result } from './result.ts';

/**
 * Appeals (申诉) against supervision cards. The responsible department appeals in writing; an
 * administrator of the hall's supervision office records it here on the department's behalf and
 * another (or the same) administrator approves or rejects it. Staff accounts carry no department,
 * so a window agent cannot appeal for one; the department named must be the card's.
 */

export const APPEAL_REASON_MAX = 500;

export interface AppealView {
  id: string;
  cardId: string;
  department: string;
  reason: string;
  status: CardAppealTable['status'];
  filedAt: string;
  decidedAt: string | null;
}

export interface AppealDecision {
  appeal: AppealView;
  /** When the card was revoked (an approved appeal), else null. */
  cardRevokedAt: string | null;
}

export function appealView(row: Pick<CardAppealTable, 'id' | 'card_id' | 'department' | 'reason' | 'status' | 'filed_at' | 'decided_at'>): AppealView {
  return {
    id: row.id,
    cardId: row.card_id,
    department: row.department,
    reason: row.reason,
    status: row.status,
    filedAt: formatChinaIso(Number(row.filed_at)),
    decidedAt: row.decided_at === null ? null : formatChinaIso(Number(row.decided_at)),
  };
}

export async function fileAppeal(ctx: HallContext, cardId: string, department: string, reason: string): Promise<Result<AppealView>> {
  const text = reason.trim();
  if (text.length === 0) return fail(400, 'appeal-reason-required', 'An appeal needs a reason');
  if (text.length > APPEAL_REASON_MAX) return fail(400, 'appeal-reason-too-long', `The reason may have at most ${APPEAL_REASON_MAX} characters`);
  return ctx.db.transaction().execute(async (tx) => {
    let query = tx.selectFrom('supervision_cards').selectAll().where('id', '=', cardId);
    // Two administrators filing at once: the second waits for the first and sees its appeal.
    if (ctx.dialect === 'postgres') query = query.forUpdate();
    const card = await query.executeTakeFirst();
    if (!card) return fail(404, 'unknown-card', 'No such supervision card');
    if (card.department !== department.trim()) {
      return fail(403, 'not-card-department', `Only the department the card was issued to (${card.department}) may appeal it`, { department: card.department });
    }
    if (card.revoked_at !== null) return fail(409, 'card-revoked', 'The card has been revoked already');
    const now = ctx.clock.now();
    const window = appealWindow(Number(card.issued_at), now);
    if (!window.open) {
      return fail(409, 'appeal-window-closed', `Appeals are accepted within ${APPEAL_WINDOW_NATURAL_DAYS} natural days of the card's issue; the last day was ${window.lastDay}`, {
        issuedAt: formatChinaIso(Number(card.issued_at)),
        lastDay: window.lastDay,
      });
    }
    const pending = await tx.selectFrom('card_appeals').select('id').where('card_id', '=', cardId).where('status', '=', 'pending').executeTakeFirst();
    if (pending) return fail(409, 'appeal-pending', 'The card has an appeal waiting for a decision', { appealId: pending.id });
    const row = { id: randomUUID(), card_id: cardId, department: card.department, reason: text, filed_at: now, status: 'pending' as const, decided_at: null, decided_by: null };
    await tx.insertInto('card_appeals').values(row).execute();
    return { ok: true as const, value: appealView(row) };
  });
}

/** Approving revokes the card (revoked_at): it no longer counts in the report. */
export async function decideAppeal(ctx: HallContext, appealId: string, approve: boolean, adminId: string): Promise<Result<AppealDecision>> {
  return ctx.db.transaction().execute(async (tx) => {
    let query = tx.selectFrom('card_appeals').selectAll().where('id', '=', appealId);
    if (ctx.dialect === 'postgres') query = query.forUpdate();
    const appeal = await query.executeTakeFirst();
    if (!appeal) return fail(404, 'unknown-appeal', 'No such appeal');
    if (appeal.status !== 'pending') return fail(409, 'appeal-decided', `The appeal was ${appeal.status} already`, { status: appeal.status });
    const now = ctx.clock.now();
    const status = approve ? ('approved' as const) : ('rejected' as const);
    await tx.updateTable('card_appeals').set({ status, decided_at: now, decided_by: adminId }).where('id', '=', appealId).where('status', '=', 'pending').execute();
    if (approve) await tx.updateTable('supervision_cards').set({ revoked_at: now }).where('id', '=', appeal.card_id).where('revoked_at', 'is', null).execute();
    const card = await tx.selectFrom('supervision_cards').select('revoked_at').where('id', '=', appeal.card_id).executeTakeFirstOrThrow();
    return {
      ok: true as const,
      value: {
        appeal: appealView({ ...appeal, status, decided_at: now }),
        cardRevokedAt: card.revoked_at === null ? null : formatChinaIso(Number(card.revoked_at)),
      },
    };
  });
}
