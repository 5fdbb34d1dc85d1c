import type { HallContext } from '../context.ts';
import { holderHash } from '../security.ts';
import { storeCertificate } from '../services/certificates.ts';
import { ensureDemoProvider } from '../services/identity-codes.ts';
import { appendUsage } from '../services/usage-log.ts';
import { DEMO_CERTIFICATES, DEMO_WINDOW_USES } from './certificate-data.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo hall's certificate library, the earlier uses of some certificates at windows (so a
 * citizen's usage log has history), and the demo identity-code provider.
 */
export async function seedDemoCertificates(ctx: HallContext): Promise<void> {
  await ensureDemoProvider(ctx);
  if ((await ctx.db.selectFrom('certificates').select('id').limit(1).execute()).length > 0) return;
  const idsByNumber = new Map<string, { id: string; typeCode: string; holderId: string }>();
  for (const certificate of DEMO_CERTIFICATES) {
    const id = await storeCertificate(ctx, certificate);
    // A number shared by an ID card and a driving licence: the window used the licence.
    if (!idsByNumber.has(certificate.number) || certificate.typeCode !== 'resident-id') idsByNumber.set(certificate.number, { id, typeCode: certificate.typeCode, holderId: certificate.holderId });
  }
  const now = ctx.clock.now();
  const uses = [...DEMO_WINDOW_USES]
    .sort((a, b) => b.daysAgo - a.daysAgo)
    .map((use) => {
      const certificate = idsByNumber.get(use.certificateNumber);
      if (!certificate) throw new Error(`demo window use of unknown certificate ${use.certificateNumber}`);
      return {
        at: now - use.daysAgo * DAY_MS,
        holderHash: holderHash(ctx.pepper, certificate.holderId),
        certificateId: certificate.id,
        certificateType: certificate.typeCode,
        action: 'window-use' as const,
        user: use.user,
        purpose: use.purpose,
        copyId: null,
        terminalId: null,
      };
    });
  await ctx.db.transaction().execute((tx) => appendUsage(tx, uses));
}
