/**
 * Identity codes of the demo provider for the fictional holders of the demo hall: what the admin
 * page shows as a QR code and `npm run hall -- mint-code` prints.
 */
import { MAX_LIFETIME_S } from '../../core/identity-code.ts';
import type { HallContext } from '../context.ts';
import { mintDemoCode } from '../services/identity-codes.ts';
import { fail, type Result } from '../services/result.ts';
import { DEMO_ENTERPRISES } from './certificate-data.ts';
import { DEMO_PEOPLE } from './people.ts';

export interface DemoHolder {
  key: string;
  label: string;
  kind: 'person' | 'enterprise';
  subject: string;
  name: string;
}

function holders(): DemoHolder[] {
  const people = Object.entries(DEMO_PEOPLE).map(([key, person]) => ({ key, label: person.name, kind: 'person' as const, subject: person.idNumber, name: person.name }));
  const enterprises = DEMO_ENTERPRISES.map((enterprise, index) => ({ key: `enterprise-${index + 1}`, label: enterprise.name, kind: 'enterprise' as const, subject: enterprise.creditCode, name: enterprise.name }));
  return [...people, ...enterprises];
}

/** The holders as the admin page lists them: no ID numbers. */
export function demoHolders(): { key: string; label: string; kind: string }[] {
  return holders().map(({ key, label, kind }) => ({ key, label, kind }));
}

/** The demo holder with this key, ID number or credit code. */
export function findDemoHolder(keyOrSubject: string): DemoHolder | undefined {
  const wanted = keyOrSubject.trim().toUpperCase();
  return holders().find((holder) => holder.key.toUpperCase() === wanted || holder.subject === wanted);
}

export async function mintDemoCodeFor(ctx: HallContext, keyOrSubject: string): Promise<Result<{ code: string; expiresAt: string }>> {
  const holder = findDemoHolder(keyOrSubject);
  if (!holder) return fail(404, 'unknown-holder', 'No fictional holder of the demo hall has this key or number');
  try {
    const code = await mintDemoCode(ctx, { subject: holder.subject, name: holder.name });
    return { ok: true, value: { code, expiresAt: new Date(ctx.clock.now() + MAX_LIFETIME_S * 1000).toISOString() } };
  } catch (error) {
    return fail(409, 'no-demo-provider', (error as Error).message);
  }
}
