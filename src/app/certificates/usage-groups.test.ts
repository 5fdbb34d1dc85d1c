import { describe, expect, it } from 'vitest';
import { groupUsage } from './usage-groups.ts';

const record = (at: string, typeCode: string, action: 'retrieve' | 'view' = 'retrieve', user = '自助终端 1号机') => ({ at, typeCode, action, user, purpose: '查看本人证照' });

describe('usage log lines', () => {
  it('tells one retrieval of several certificates as one line, and keeps other uses apart', () => {
    const groups = groupUsage([
      record('2026-10-01T12:30:10.000Z', 'real-estate', 'view'),
      record('2026-10-01T12:30:05.000Z', 'household-register'),
      record('2026-10-01T12:30:05.000Z', 'real-estate'),
      record('2026-10-01T12:30:05.000Z', 'real-estate'),
      record('2026-10-01T12:29:05.000Z', 'marriage'),
      record('2026-10-01T12:29:05.000Z', 'marriage', 'retrieve', '窗口'),
    ]);
    expect(groups.map((group) => [group.action, group.typeCodes])).toEqual([
      ['view', ['real-estate']],
      ['retrieve', ['household-register', 'real-estate']],
      ['retrieve', ['marriage']],
      ['retrieve', ['marriage']],
    ]);
  });
});
