import type { UsageRecord } from '../../core/certificate-wire.ts';

/** Uses told as one line: one action, by one user, for one purpose, in the same minute. */
export interface UsageGroup {
  at: string;
  action: UsageRecord['action'];
  user: string;
  purpose: string;
  typeCodes: string[];
}

const minute = (iso: string) => iso.slice(0, 16);

/**
 * A retrieval lists every certificate of the consent at once; an elder reading their usage log
 * wants "调取: 居民户口簿、不动产权证书", not one line per certificate. Records come newest first.
 */
export function groupUsage(records: readonly UsageRecord[]): UsageGroup[] {
  const groups: UsageGroup[] = [];
  for (const record of records) {
    const last = groups.at(-1);
    if (last && last.action === record.action && last.user === record.user && last.purpose === record.purpose && minute(last.at) === minute(record.at)) {
      if (!last.typeCodes.includes(record.typeCode)) last.typeCodes.push(record.typeCode);
      continue;
    }
    groups.push({ at: record.at, action: record.action, user: record.user, purpose: record.purpose, typeCodes: [record.typeCode] });
  }
  return groups;
}
