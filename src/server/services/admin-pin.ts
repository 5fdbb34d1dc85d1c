/**
 * The terminals' admin PIN on the hall server. The PIN is checked here whenever the hall answers
 * (POST /kiosk/admin-pin), with a lockout per terminal kept in the database: 5 wrong PINs within
 * 5 minutes, as the kiosk itself counts them, and every check in the audit trail.
 *
 * For the hours the hall cannot be reached, each enrolled terminal gets its own offline copy of
 * the hash (core/admin-pin.ts): the hall hash stretched once per hall by OFFLINE_PIN_ITERATIONS,
 * then keyed with the terminal's salt. The stretch takes seconds, so it is made in the background
 * by the first process that needs it and kept in the database; until it is there the config
 * carries no copy (the kiosk keeps the one it had), and never waits for it: the config also
 * carries the pinned clock a kiosk starts with.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { OFFLINE_PIN_ITERATIONS, parsePinHash, PIN_LOCK_MS, PIN_MAX_FAILURES, stretchPinHash, terminalPinHash, verifyPin, type PinHash } from '../../core/admin-pin.ts';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { audit } from './audit.ts';
import { beginAttempt, type FailureRule } from './lookup-failures.ts';
import { fail, type Result } from './result.ts';

const PIN_FAILURES: FailureRule = { max: PIN_MAX_FAILURES, windowMs: PIN_LOCK_MS };
const ACTION = 'terminal.admin-pin';

const locked = (retryAfterMs: number) =>
  fail(423, 'pin-locked', 'Too many wrong PINs at this terminal; the admin entry is locked for a while', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });

function hallHash(ctx: HallContext): { text: string; hash: PinHash } {
  const text = ctx.config.kiosk.adminPinHash;
  const hash = parsePinHash(text);
  // config.ts refuses to start with an unreadable one.
  if (!hash) throw new Error('KIOSK_ADMIN_PIN_HASH is unreadable');
  return { text, hash };
}

/** Checks a terminal's PIN: ok, 403 pin-wrong with the attempts left, or 423 pin-locked with Retry-After. */
export async function checkAdminPin(ctx: HallContext, terminal: TerminalRow, pin: string, clientAddress: string): Promise<Result<{ checked: true }>> {
  const actor = { kind: 'terminal' as const, id: terminal.id, name: terminal.name };
  const started = await beginAttempt(ctx, 'admin-pin', terminal.id, PIN_FAILURES);
  if (!started.ok) {
    await audit(ctx, { actor, action: ACTION, outcome: 'refused', detail: 'locked', clientAddress });
    return locked(started.retryAfterMs);
  }
  if (await verifyPin(pin, hallHash(ctx).hash)) {
    await started.attempt.succeeded({ clearAll: true });
    await audit(ctx, { actor, action: ACTION, outcome: 'success', clientAddress });
    return { ok: true, value: { checked: true } };
  }
  await started.attempt.failed();
  const attemptsLeft = PIN_FAILURES.max - started.failures - 1;
  await audit(ctx, { actor, action: ACTION, outcome: 'failure', detail: attemptsLeft > 0 ? 'wrong-pin' : 'lockout', clientAddress });
  return attemptsLeft > 0 ? fail(403, 'pin-wrong', 'The PIN is wrong', { attemptsLeft }) : locked(PIN_FAILURES.windowMs);
}

type Stretch = { iterations: number; salt: Uint8Array; hash: Uint8Array };

/** Stretches being made by this process, by hall hash: one at a time each, whoever asks. */
const stretching = new Map<string, Promise<void>>();

async function storedStretch(ctx: HallContext, hallText: string): Promise<Stretch | null> {
  const row = await ctx.db.selectFrom('admin_pin_stretches').selectAll().where('hall_hash', '=', hallText).executeTakeFirst();
  if (!row || Number(row.iterations) !== OFFLINE_PIN_ITERATIONS) return null;
  return { iterations: Number(row.iterations), salt: Buffer.from(row.salt, 'base64'), hash: Buffer.from(row.hash, 'base64') };
}

async function makeStretch(ctx: HallContext, hallText: string, hall: PinHash): Promise<void> {
  const salt = randomBytes(16);
  const hash = await stretchPinHash(hall, salt, OFFLINE_PIN_ITERATIONS);
  const values = { hall_hash: hallText, iterations: OFFLINE_PIN_ITERATIONS, salt: salt.toString('base64'), hash: Buffer.from(hash).toString('base64'), created_at: ctx.clock.now() };
  // Another process may have made one meanwhile: the first stored is the one every process uses.
  await ctx.db
    .insertInto('admin_pin_stretches')
    .values(values)
    .onConflict((oc) => oc.column('hall_hash').doUpdateSet(values).where('admin_pin_stretches.iterations', '!=', OFFLINE_PIN_ITERATIONS))
    .execute();
}

function startStretch(ctx: HallContext, hallText: string, hall: PinHash): void {
  if (stretching.has(hallText)) return;
  const made = makeStretch(ctx, hallText, hall)
    // A hall closed meanwhile (its database gone) simply has none; the next config asks again.
    .catch(() => undefined)
    .finally(() => stretching.delete(hallText));
  stretching.set(hallText, made);
}

/** Waits for a stretch this process is making (tests; a graceful shutdown). */
export async function stretchesMade(): Promise<void> {
  await Promise.all(stretching.values());
}

/** The terminal's salt: stable per terminal and hall, public, and no use anywhere else. */
const terminalSalt = (ctx: HallContext, terminalId: string) => createHmac('sha256', ctx.pepper).update(`admin-pin-terminal:${terminalId}`).digest().subarray(0, 16);

/** The terminal's offline copy of the PIN hash; null while the hall's stretch is still being made. */
export async function offlinePinHash(ctx: HallContext, terminal: TerminalRow): Promise<string | null> {
  const { text, hash } = hallHash(ctx);
  const stretch = await storedStretch(ctx, text);
  if (!stretch) {
    startStretch(ctx, text, hash);
    return null;
  }
  return terminalPinHash(hash, stretch, terminalSalt(ctx, terminal.id));
}
