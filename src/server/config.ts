import { clockFromPin, parseIsoWithOffset, type Clock } from '../core/clock.ts';
import { parsePinHash } from '../core/admin-pin.ts';
import { normalizeIdleSeconds } from '../core/idle.ts';
import { DEFAULT_KIOSK_CONFIG, DEMO_ADMIN_PIN_HASH, type KioskConfig, type VoicePrompts } from '../core/kiosk-config.ts';

/** The hall server's settings, all from the environment (see README, "Configuration"). */
export interface HallConfig {
  host: string;
  port: number;
  clock: Clock;
  pinned: boolean;
  /** KIOSK_PDF_FONT: the CJK font of certificate copies, when not Debian's fonts-wqy-microhei. */
  copyFontPath?: string;
  kiosk: Omit<KioskConfig, 'pinnedNow' | 'adminPinHash'> & { adminPinHash: string };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, not "${value}"`);
  return port;
}

function readVoice(value: string | undefined): VoicePrompts {
  if (value === undefined || value === '') return DEFAULT_KIOSK_CONFIG.voicePrompts;
  if (value === 'always' || value === 'elder' || value === 'off') return value;
  throw new ConfigError(`KIOSK_VOICE must be always, elder or off, not "${value}"`);
}

function readSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be on or off, not "${value}"`);
}

export function readHallConfig(env: Env = process.env): HallConfig {
  const pin = env.KIOSK_NOW;
  if (pin && parseIsoWithOffset(pin) === null) {
    throw new ConfigError(`KIOSK_NOW must be an ISO time with an offset, e.g. 2026-10-01T20:30:00+08:00, not "${pin}"`);
  }
  const pinHash = env.KIOSK_ADMIN_PIN_HASH || DEMO_ADMIN_PIN_HASH;
  if (!parsePinHash(pinHash)) throw new ConfigError('KIOSK_ADMIN_PIN_HASH is not a hash made by `npm run hall -- hash-pin`');
  const defaults = DEFAULT_KIOSK_CONFIG.hallName;
  return {
    host: env.HOST || '127.0.0.1',
    port: readPort(env.PORT),
    clock: clockFromPin(pin, () => performance.now()),
    pinned: Boolean(pin),
    ...(env.KIOSK_PDF_FONT ? { copyFontPath: env.KIOSK_PDF_FONT } : {}),
    kiosk: {
      hallName: {
        'zh-CN': env.KIOSK_HALL_NAME || defaults['zh-CN'],
        'zh-TW': env.KIOSK_HALL_NAME_TW || env.KIOSK_HALL_NAME || defaults['zh-TW'],
        en: env.KIOSK_HALL_NAME_EN || defaults.en,
      },
      idleSeconds: normalizeIdleSeconds(env.KIOSK_IDLE_SECONDS),
      adminPinHash: pinHash,
      voicePrompts: readVoice(env.KIOSK_VOICE),
      cardRemovalEndsSession: readSwitch('KIOSK_CARD_REMOVAL_ENDS_SESSION', env.KIOSK_CARD_REMOVAL_ENDS_SESSION, true),
    },
  };
}
