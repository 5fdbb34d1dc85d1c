import { clockFromPin, parseIsoWithOffset, type Clock } from '../core/clock.ts';
import { parsePinHash } from '../core/admin-pin.ts';
import { normalizeIdleSeconds } from '../core/idle.ts';
import { DEFAULT_KIOSK_CONFIG, DEMO_ADMIN_PIN_HASH, type KioskConfig, type VoicePrompts } from '../core/kiosk-config.ts';
import type { BucketRule } from './http/token-buckets.ts';

/** The hall server's settings, all from the environment (see README, "Configuration"). */
export interface HallConfig {
  host: string;
  port: number;
  clock: Clock;
  pinned: boolean;
  /** KIOSK_PDF_FONT: the CJK font of certificate copies, when not Debian's fonts-wqy-microhei. */
  copyFontPath?: string;
  /**
   * KIOSK_SECRETS_FILE: the file that keeps the holder pepper (and a demo hall's identity-provider
   * key) out of the database. Absent: data/secrets.json, or memory for an in-memory database.
   */
  secretsFile?: string;
  /** KIOSK_HOLDER_PEPPER: the pepper itself, from the environment, instead of the secrets file. */
  holderPepper?: string;
  kiosk: Omit<KioskConfig, 'pinnedNow' | 'adminPinHash'> & { adminPinHash: string };
  /**
   * KIOSK_TRUST_PROXY: whose X-Forwarded-For/-Proto/-Host to believe (Fastify's trustProxy): the
   * client address for login limits and the audit, and https for the Secure cookie and the origin check.
   */
  trustProxy: TrustProxy;
  /** KIOSK_LOG_LEVEL: the server's JSON log on stderr (http/logging.ts). */
  logLevel: LogLevel;
  /** Per-terminal limits on identities (terminal-limits.ts); a terminal past one is suspended. */
  identityLimits: IdentityLimits;
  /** Per-terminal ticket limit (routes/tickets.ts): KIOSK_TICKET_BURST at once, then one every KIOSK_TICKET_INTERVAL_SECONDS. */
  ticketLimit: BucketRule;
}

/**
 * A citizen needs at least 10 s to take a ticket at a touch screen: 6 in a row and then one every
 * 5 s is more than any queue in front of one terminal, and keeps a stolen device token from
 * taking a day's quota in seconds.
 */
export const DEFAULT_TICKET_LIMIT: BucketRule = { burst: 6, intervalMs: 5000 };

export interface IdentityLimits {
  /** KIOSK_LIMIT_HOLDERS_PER_HOUR: different citizens identified at one terminal within an hour. */
  holdersPerHour: number;
  /** KIOSK_LIMIT_CONSENTS_PER_MINUTE: certificate consents at one terminal within a minute. */
  consentsPerMinute: number;
}

/**
 * A citizen spends minutes at a terminal: 40 different people in an hour is a crowd at one
 * screen, and 6 consents in a minute are more purposes than one person picks. Above either,
 * something other than citizens is asking.
 */
export const DEFAULT_IDENTITY_LIMITS: IdentityLimits = { holdersPerHour: 40, consentsPerMinute: 6 };

function readLimit(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const limit = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1)) throw new ConfigError(`${name} must be a whole number of at least 1, not "${value}"`);
  return limit;
}

export class ConfigError extends Error {}

/** false: no proxy; true: whichever peer connects; else the proxies' addresses or CIDR ranges. */
export type TrustProxy = boolean | string[];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PROXY_ADDRESS = /^(?:[0-9.]+|[0-9a-fA-F:.]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/;

function readTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === '' || value === 'off') return false;
  if (value === 'on') return true;
  const addresses = value.split(',').map((entry) => entry.trim());
  if (addresses.every((entry) => PROXY_ADDRESS.test(entry))) return addresses;
  throw new ConfigError(`KIOSK_TRUST_PROXY must be off, on or a comma-separated list of proxy addresses (10.0.0.2, 10.0.0.0/8, loopback), not "${value}"`);
}

function readLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new ConfigError(`KIOSK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
}

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

/** 256 bits as base64: a pepper an attacker holding the hashes cannot search for. */
export const MIN_PEPPER_LENGTH = 43;

function readPepper(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_PEPPER_LENGTH) throw new ConfigError(`KIOSK_HOLDER_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters of random text (openssl rand -base64 32), not ${value.length}`);
  return value;
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
    trustProxy: readTrustProxy(env.KIOSK_TRUST_PROXY),
    logLevel: readLogLevel(env.KIOSK_LOG_LEVEL),
    ...(env.KIOSK_SECRETS_FILE ? { secretsFile: env.KIOSK_SECRETS_FILE } : {}),
    ...(env.KIOSK_HOLDER_PEPPER ? { holderPepper: readPepper(env.KIOSK_HOLDER_PEPPER) } : {}),
    ticketLimit: {
      burst: readLimit('KIOSK_TICKET_BURST', env.KIOSK_TICKET_BURST, DEFAULT_TICKET_LIMIT.burst),
      intervalMs: readLimit('KIOSK_TICKET_INTERVAL_SECONDS', env.KIOSK_TICKET_INTERVAL_SECONDS, DEFAULT_TICKET_LIMIT.intervalMs / 1000) * 1000,
    },
    identityLimits: {
      holdersPerHour: readLimit('KIOSK_LIMIT_HOLDERS_PER_HOUR', env.KIOSK_LIMIT_HOLDERS_PER_HOUR, DEFAULT_IDENTITY_LIMITS.holdersPerHour),
      consentsPerMinute: readLimit('KIOSK_LIMIT_CONSENTS_PER_MINUTE', env.KIOSK_LIMIT_CONSENTS_PER_MINUTE, DEFAULT_IDENTITY_LIMITS.consentsPerMinute),
    },
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
