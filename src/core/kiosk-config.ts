import { DEFAULT_IDLE_SECONDS, normalizeIdleSeconds } from './idle.ts';
import { LANGUAGES, type Localized } from './language.ts';
import { parsePinHash } from './admin-pin.ts';

/**
 * What the hall server tells a terminal about itself. The PWA keeps the last copy so that a cold
 * start without network still shows the hall's own name and rules.
 */
export interface KioskConfig {
  hallName: Localized;
  idleSeconds: number;
  /**
   * PBKDF2 hash of the admin PIN; the PIN itself never leaves the hall's configuration. Sent
   * only to enrolled terminals: anyone else on the hall network could try every PIN offline.
   */
  adminPinHash: string | null;
  voicePrompts: VoicePrompts;
  /** Taking the ID card off the reader ends the citizen's session (the usual hall rule). */
  cardRemovalEndsSession: boolean;
  /** The server clock's reading when KIOSK_NOW pins it, so the terminal shows the same time. */
  pinnedNow: string | null;
}

/** Spoken prompts: always, only in elder mode, or never (e.g. a quiet hall at night). */
export type VoicePrompts = 'always' | 'elder' | 'off';
const VOICE_PROMPTS: readonly VoicePrompts[] = ['always', 'elder', 'off'];

/** The demo PIN is 246810; a hall sets its own with `npm run hall -- hash-pin`. */
export const DEMO_ADMIN_PIN_HASH =
  'pbkdf2-sha256$100000$YTI0a2lvc2stZGVtby1waQ==$ysVaqBkPLe1/TEYWXFV6kDpazmzvSyUH42wO4ozG5t4=';

export const DEFAULT_KIOSK_CONFIG: KioskConfig = {
  hallName: { 'zh-CN': '示例市政务服务中心', 'zh-TW': '示例市政務服務中心', en: 'Example City Government Service Center' },
  idleSeconds: DEFAULT_IDLE_SECONDS,
  adminPinHash: null,
  voicePrompts: 'elder',
  cardRemovalEndsSession: true,
  pinnedNow: null,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseHallName(value: unknown): Localized {
  if (!isRecord(value)) return DEFAULT_KIOSK_CONFIG.hallName;
  const names = { ...DEFAULT_KIOSK_CONFIG.hallName };
  for (const language of LANGUAGES) {
    const name = value[language];
    if (typeof name === 'string' && name.trim() !== '' && name.length <= 80) names[language] = name.trim();
  }
  return names;
}

/** Reads a configuration from the wire or from storage; anything unreadable keeps its default. */
export function parseKioskConfig(value: unknown): KioskConfig {
  if (!isRecord(value)) return DEFAULT_KIOSK_CONFIG;
  const pinHash = value.adminPinHash;
  const voice = value.voicePrompts;
  return {
    hallName: parseHallName(value.hallName),
    idleSeconds: normalizeIdleSeconds(value.idleSeconds),
    adminPinHash: typeof pinHash === 'string' && parsePinHash(pinHash) ? pinHash : null,
    voicePrompts: VOICE_PROMPTS.includes(voice as VoicePrompts) ? (voice as VoicePrompts) : 'elder',
    cardRemovalEndsSession: typeof value.cardRemovalEndsSession === 'boolean' ? value.cardRemovalEndsSession : true,
    pinnedNow: typeof value.pinnedNow === 'string' ? value.pinnedNow : null,
  };
}
