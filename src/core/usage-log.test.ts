import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, verifyUsageChain, type ChainedUsageEntry, type UsageEntry } from './usage-log.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): ChainedUsageEntry[] {
  const rows: ChainedUsageEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const entry: UsageEntry = {
      seq,
      at: 1_790_000_000_000 + seq * 1000,
      holderHash: `holder-${seq % 3}`,
      certificateId: `cert-${seq}`,
      certificateType: 'household-register',
      action: seq % 2 ? 'retrieve' : 'copy-a4',
      user: '自助终端 一楼大厅 1号机',
      purpose: '户籍迁移',
      copyId: seq % 2 ? null : `copy-${seq}`,
    };
    const row = chainEntry(prev, entry, sha256);
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

const headOf = (rows: ChainedUsageEntry[]) => ({ lastSeq: rows.length, lastHash: rows.at(-1)?.hash ?? GENESIS_HASH });

describe('usage log hash chain', () => {
  it('accepts an untouched chain, and an empty one', () => {
    const rows = chain(10);
    expect(verifyUsageChain(rows, sha256, headOf(rows))).toEqual({ ok: true, rows: 10 });
    expect(verifyUsageChain([], sha256, { lastSeq: 0, lastHash: GENESIS_HASH })).toEqual({ ok: true, rows: 0 });
  });

  it('names the first altered row, whichever field was changed', () => {
    const rows = chain(10);
    for (const change of [{ purpose: '不动产登记' }, { user: '某窗口' }, { at: rows[3]!.at + 1 }, { copyId: 'copy-x' }, { holderHash: 'holder-9' }]) {
      const altered = rows.map((row) => (row.seq === 4 ? { ...row, ...change } : row));
      expect(verifyUsageChain(altered, sha256, headOf(rows))).toEqual({ ok: false, seq: 4, problem: 'altered' });
    }
  });

  it('finds a row altered together with its own hash, by the next row’s link', () => {
    const rows = chain(10);
    const forged = chainEntry(rows[4]!.prevHash, { ...rows[4]!, purpose: '别的用途' }, sha256);
    const altered = rows.map((row) => (row.seq === 5 ? forged : row));
    expect(verifyUsageChain(altered, sha256, headOf(rows))).toEqual({ ok: false, seq: 6, problem: 'altered' });
  });

  it('names a deleted row in the middle, at the start and at the end', () => {
    const rows = chain(10);
    expect(verifyUsageChain(rows.filter((row) => row.seq !== 7), sha256, headOf(rows))).toEqual({ ok: false, seq: 7, problem: 'deleted' });
    expect(verifyUsageChain(rows.slice(1), sha256, headOf(rows))).toEqual({ ok: false, seq: 1, problem: 'deleted' });
    expect(verifyUsageChain(rows.slice(0, 8), sha256, headOf(rows))).toEqual({ ok: false, seq: 9, problem: 'deleted' });
  });

  it('finds deleted rows whose successors were renumbered to hide the gap', () => {
    const rows = chain(10);
    const renumbered = rows.filter((row) => row.seq !== 3).map((row) => (row.seq > 3 ? { ...row, seq: row.seq - 1 } : row));
    const verdict = verifyUsageChain(renumbered, sha256, headOf(rows));
    expect(verdict).toEqual({ ok: false, seq: 3, problem: 'altered' });
  });

  it('finds the newest row removed together with the head rolled back, by the head hash', () => {
    const rows = chain(5);
    expect(verifyUsageChain(rows.slice(0, 4), sha256, { lastSeq: 4, lastHash: rows[4]!.hash })).toEqual({ ok: false, seq: 4, problem: 'altered' });
  });
});
