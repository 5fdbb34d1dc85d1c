import type { Kysely } from 'kysely';
import { chainEntry, usageChainChecker, type ChainedUsageEntry, type ChainVerdict, type UsageAction, type UsageEntry } from '../../core/usage-log.ts';
import type { Database } from '../db/schema.ts';
import { sha256 } from '../security.ts';

/** A use to record; `terminalId` (the terminal it happened at) is kept beside the chain, for the fleet page. */
export type NewUsage = Omit<UsageEntry, 'seq'> & { terminalId: string | null };

/**
 * Appends uses to the usage log inside `tx`. The head row is advanced first: on PostgreSQL the
 * update locks it until the transaction ends, so concurrent appends from any number of server
 * processes chain one after the other; on SQLite the writer holds the database.
 */
export async function appendUsage(tx: Kysely<Database>, uses: readonly NewUsage[]): Promise<ChainedUsageEntry[]> {
  if (uses.length === 0) return [];
  const head = await tx
    .updateTable('usage_log_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', uses.length) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.last_seq) - uses.length;
  let prevHash = head.last_hash;
  const rows = uses.map(({ terminalId, ...use }) => {
    const row = chainEntry(prevHash, { ...use, seq: ++seq }, sha256);
    prevHash = row.hash;
    return { ...row, terminalId };
  });
  await tx
    .insertInto('usage_log')
    .values(
      rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        holder_hash: row.holderHash,
        certificate_id: row.certificateId,
        certificate_type: row.certificateType,
        action: row.action,
        user_name: row.user,
        purpose: row.purpose,
        copy_id: row.copyId,
        prev_hash: row.prevHash,
        hash: row.hash,
        terminal_id: row.terminalId,
      })),
    )
    .execute();
  await tx.updateTable('usage_log_head').set({ last_hash: prevHash }).where('id', '=', 1).execute();
  return rows;
}

type UsageRow = Awaited<ReturnType<typeof readRows>>[number];

function readRows(db: Kysely<Database>, afterSeq: number, limit: number, upToSeq?: number) {
  let query = db.selectFrom('usage_log').selectAll().where('seq', '>', afterSeq);
  if (upToSeq !== undefined) query = query.where('seq', '<=', upToSeq);
  return query.orderBy('seq').limit(limit).execute();
}

function entryOf(row: UsageRow): ChainedUsageEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    holderHash: row.holder_hash,
    certificateId: row.certificate_id,
    certificateType: row.certificate_type,
    action: row.action as UsageAction,
    user: row.user_name,
    purpose: row.purpose,
    copyId: row.copy_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Rows are read in pages: a hall's log grows by thousands of rows a day. */
const VERIFY_PAGE = 5000;

/** Recomputes the whole chain, page by page, and compares it with the head; names the first altered or deleted row. */
export async function verifyUsageLog(db: Kysely<Database>): Promise<ChainVerdict> {
  const head = await db.selectFrom('usage_log_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const checker = usageChainChecker(sha256);
  let afterSeq = 0;
  for (;;) {
    // Up to the head as it was read: uses recorded while the check runs are the next check's.
    const page = await readRows(db, afterSeq, VERIFY_PAGE, Number(head.last_seq));
    for (const row of page) {
      const broken = checker.next(entryOf(row));
      if (broken) return broken;
    }
    if (page.length < VERIFY_PAGE) break;
    afterSeq = Number(page[page.length - 1]!.seq);
  }
  const verdict = checker.finish({ lastSeq: Number(head.last_seq), lastHash: head.last_hash });
  if (!verdict.ok) return verdict;
  // A row past the head that no append put there (the head has not moved) was slipped in.
  const [after] = await readRows(db, Number(head.last_seq), 1);
  const headNow = await db.selectFrom('usage_log_head').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
  if (after && Number(headNow.last_seq) === Number(head.last_seq)) return { ok: false, seq: Number(after.seq), problem: 'altered' };
  return verdict;
}

/** One holder's uses, newest first: what they see under 用证记录. */
export async function usesOfHolder(db: Kysely<Database>, holderHash: string, limit = 100): Promise<ChainedUsageEntry[]> {
  const rows = await db.selectFrom('usage_log').selectAll().where('holder_hash', '=', holderHash).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(entryOf);
}
