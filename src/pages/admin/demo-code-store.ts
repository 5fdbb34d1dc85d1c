import { computed, effect, signal } from '@preact/signals';
import { MAX_LIFETIME_S } from '../../core/identity-code.ts';
import { parseInstant } from '../shared/beijing-time.ts';
import { fetchDemoHolders, mintDemoCode, type DemoHolder } from './api.ts';
import { handleFailure, notice, view } from './store.ts';

/**
 * State of the demo identity code page. The code itself lives only in `shown` while it is on
 * screen: it is never logged, stored or put into an attribute, and it is dropped when it expires,
 * when the administrator leaves the page and when the session ends.
 */
export type ShownCode =
  | { kind: 'none' }
  | { kind: 'code'; code: string; holder: DemoHolder; expiresAt: number | null; deadline: number }
  | { kind: 'expired'; holder: DemoHolder };

export const holders = signal<DemoHolder[] | null>(null);
export const selectedHolder = signal<string | null>(null);
export const shown = signal<ShownCode>({ kind: 'none' });
export const minting = signal(false);
/** The list could not be read (network, server): the page offers to read it again. */
export const holdersFailed = signal(false);

/** Monotonic milliseconds (performance.now), advanced every second while a code is shown. */
const monotonicNow = signal(performance.now());

/** Whole seconds left, rounded up so "0" means gone. */
export const secondsLeft = computed(() => {
  const current = shown.value;
  return current.kind === 'code' ? Math.max(0, Math.ceil((current.deadline - monotonicNow.value) / 1000)) : 0;
});

const NO_PROVIDER_TEXT = '本大厅没有演示身份码签发方，无法生成。可在服务器上运行 npm run hall -- seed-demo 创建演示数据。';
const UNKNOWN_HOLDER_TEXT = '该虚构持有人已不存在，列表已刷新，请重新选择。';

export async function loadHolders(): Promise<void> {
  holdersFailed.value = false;
  const result = await fetchDemoHolders();
  if (!result.ok) {
    holdersFailed.value = true;
    return handleFailure(result.error);
  }
  holders.value = result.value;
  if (selectedHolder.value !== null && !result.value.some((holder) => holder.key === selectedHolder.value)) selectedHolder.value = null;
}

export async function generateCode(): Promise<void> {
  const holder = holders.value?.find((candidate) => candidate.key === selectedHolder.value);
  if (!holder || minting.value) return;
  minting.value = true;
  notice.value = null;
  const result = await mintDemoCode(holder.key);
  minting.value = false;
  if (result.ok) {
    // The browser's clock may differ from the server's (or from KIOSK_NOW), so the countdown runs on
    // a monotonic clock from receipt: a code lives MAX_LIFETIME_S from its minting, just before.
    monotonicNow.value = performance.now();
    shown.value = { kind: 'code', code: result.value.code, holder, expiresAt: parseInstant(result.value.expiresAt), deadline: monotonicNow.value + MAX_LIFETIME_S * 1000 };
    return;
  }
  if (result.error.code === 'no-demo-provider') notice.value = { tone: 'error', text: NO_PROVIDER_TEXT };
  else if (result.error.code === 'unknown-holder') {
    notice.value = { tone: 'error', text: UNKNOWN_HOLDER_TEXT };
    void loadHolders();
  } else handleFailure(result.error);
}

export function chooseHolder(key: string): void {
  selectedHolder.value = key;
}

// Holders are read when the page opens; whatever was shown is forgotten when it closes.
effect(() => {
  if (view.value !== 'demo-code') {
    shown.value = { kind: 'none' };
    return;
  }
  if (holders.value === null) void loadHolders();
});

// The countdown ticks only while a code is on screen, and expires it in place.
effect(() => {
  if (shown.value.kind !== 'code') return;
  const timer = setInterval(() => {
    monotonicNow.value = performance.now();
    const current = shown.value;
    if (current.kind === 'code' && secondsLeft.value === 0) shown.value = { kind: 'expired', holder: current.holder };
  }, 1000);
  return () => clearInterval(timer);
});
