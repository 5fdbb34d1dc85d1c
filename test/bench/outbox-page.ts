/**
 * Runs IN the kiosk page, never in Node: outbox-build.ts compiles it with Vite into one script
 * that outbox-drain.ts evaluates in the enrolled kiosk's page. It brings the app's own outbox
 * (src/platform/outbox.ts: JSON, AES-GCM with the profile's non-extractable key, IndexedDB put,
 * depth count), compiled from the same source as the app's bundle, because the bundle exports
 * nothing a page script could call. It shares the app's database and key (the key is read from,
 * or first stored in, the same `settings` entry), so the entries it writes are the ones the app's
 * sync loop then drains.
 */
import type { CaseSubmission } from '../../src/core/cases.ts';
import { CASE_KIND } from '../../src/platform/cases.ts';
import { drainOutbox, enqueue, refreshOutboxDepth } from '../../src/platform/outbox.ts';

export interface OutboxFillOrder {
  cases: number;
  /** Applicants, taken in turn. */
  people: { idNumber: string; name: string }[];
  /** The terminal's pinned clock (KIOSK_NOW), as the app stamps submittedAt. */
  submittedAt: string;
}

export interface OutboxFill {
  clientIds: string[];
  /** performance.now() around each enqueue call, in enqueue order. */
  writeMs: number[];
  depth: number;
}

export interface OutboxPage {
  fill(order: OutboxFillOrder): Promise<OutboxFill>;
  /** The app's drain with a sender that acknowledges at once: the client's own work per entry, without the network. */
  drainWithoutNetwork(): Promise<{ sent: number; ms: number }>;
  depth(): Promise<number>;
}

/** As the case journey submits the social-insurance certificate (test/e2e/cases.spec.ts, test/chaos). */
function submission(clientId: string, person: OutboxFillOrder['people'][number], submittedAt: string): CaseSubmission {
  return {
    clientId,
    itemCode: 'social-insurance-payment-certificate',
    applicant: { kind: 'person', id: person.idNumber, name: person.name, method: 'card' },
    materials: [{ name: '居民身份证或社会保障卡', provision: 'e-certificate' }],
    formValues: { period: '12', use: 'loan' },
    commitment: null,
    submittedAt,
  };
}

const outboxPage: OutboxPage = {
  async fill({ cases, people, submittedAt }) {
    const clientIds: string[] = [];
    const writeMs: number[] = [];
    for (let index = 0; index < cases; index++) {
      const clientId = crypto.randomUUID();
      const payload = submission(clientId, people[index % people.length]!, submittedAt);
      const startedAt = performance.now();
      await enqueue(CASE_KIND, clientId, payload);
      writeMs.push(performance.now() - startedAt);
      clientIds.push(clientId);
    }
    return { clientIds, writeMs, depth: await refreshOutboxDepth() };
  },
  async drainWithoutNetwork() {
    const startedAt = performance.now();
    const sent = await drainOutbox(async () => 'done', Number.POSITIVE_INFINITY);
    return { sent, ms: performance.now() - startedAt };
  },
  depth: refreshOutboxDepth,
};

(globalThis as unknown as { kioskBenchOutbox: OutboxPage }).kioskBenchOutbox = outboxPage;
