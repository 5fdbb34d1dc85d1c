/**
 * The usage log of electronic certificates (用证记录): every retrieval, view and copy of a
 * certificate, append-only and tamper-evident. Each row carries the hash of the row before it
 * and its own hash over that and its canonical content, so changing or removing any row breaks
 * the chain from there on. The hash function is given by the caller (node:crypto on the server):
 * this module stays pure.
 */

/** 调取 (listed after consent), 查看 (opened on screen), A4 copy, receipt summary, use at a window, attached to a case (免提交). */
export const USAGE_ACTIONS = ['retrieve', 'view', 'copy-a4', 'copy-receipt', 'window-use', 'case-attach'] as const;
export type UsageAction = (typeof USAGE_ACTIONS)[number];

export interface UsageEntry {
  /** 1, 2, 3 … without gaps: a missing number is a deleted row. */
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  /** Keyed hash of the holder's number: the log names nobody in plaintext. */
  holderHash: string;
  certificateId: string;
  certificateType: string;
  action: UsageAction;
  /** Who used it: a terminal (自助终端 …) or a department at its window. */
  user: string;
  /** What for, as the consent named it. */
  purpose: string;
  copyId: string | null;
}

export interface ChainedUsageEntry extends UsageEntry {
  prevHash: string;
  hash: string;
}

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The row's content as one fixed string: keys in a fixed order, no whitespace. */
export function canonicalUsageContent(entry: UsageEntry): string {
  return JSON.stringify([entry.seq, entry.at, entry.holderHash, entry.certificateId, entry.certificateType, entry.action, entry.user, entry.purpose, entry.copyId]);
}

export type Sha256Hex = (text: string) => string;

export function usageRowHash(prevHash: string, entry: UsageEntry, sha256Hex: Sha256Hex): string {
  return sha256Hex(`${prevHash}\n${canonicalUsageContent(entry)}`);
}

export function chainEntry(prevHash: string, entry: UsageEntry, sha256Hex: Sha256Hex): ChainedUsageEntry {
  return { ...entry, prevHash, hash: usageRowHash(prevHash, entry, sha256Hex) };
}

export type ChainVerdict =
  | { ok: true; rows: number }
  /** `seq`: the first row found altered, or the first one missing. */
  | { ok: false; seq: number; problem: 'altered' | 'deleted' };

export type ChainBreak = Extract<ChainVerdict, { ok: false }>;

export interface UsageChainChecker {
  /** Checks the next row (in seq order); the first break found, or null. */
  next(row: ChainedUsageEntry): ChainBreak | null;
  /**
   * The verdict once every row was given. `head` is what the log's head says was appended
   * last: without it, removing the newest rows would go unnoticed.
   */
  finish(head: { lastSeq: number; lastHash: string }): ChainVerdict;
}

/** Recomputes the chain row by row, so a log of millions of rows is checked in pages. */
export function usageChainChecker(sha256Hex: Sha256Hex): UsageChainChecker {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  return {
    next(row) {
      if (row.seq > expectedSeq) return { ok: false, seq: expectedSeq, problem: 'deleted' };
      if (row.seq < expectedSeq) return { ok: false, seq: row.seq, problem: 'altered' };
      // A row whose own hash fails was edited; one whose hash holds but whose link to its
      // predecessor is broken was put in the place of removed or rewritten ones.
      if (row.hash !== usageRowHash(row.prevHash, row, sha256Hex) || row.prevHash !== prevHash) return { ok: false, seq: row.seq, problem: 'altered' };
      prevHash = row.hash;
      expectedSeq++;
      return null;
    },
    finish(head) {
      const rows = expectedSeq - 1;
      if (head.lastSeq > rows) return { ok: false, seq: rows + 1, problem: 'deleted' };
      if (head.lastSeq < rows || head.lastHash !== prevHash) return { ok: false, seq: Math.max(1, head.lastSeq), problem: 'altered' };
      return { ok: true, rows };
    },
  };
}

export function verifyUsageChain(rows: Iterable<ChainedUsageEntry>, sha256Hex: Sha256Hex, head: { lastSeq: number; lastHash: string }): ChainVerdict {
  const checker = usageChainChecker(sha256Hex);
  for (const row of rows) {
    const broken = checker.next(row);
    if (broken) return broken;
  }
  return checker.finish(head);
}
