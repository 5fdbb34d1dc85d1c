import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_PIN_HASH } from '../core/kiosk-config.ts';
import { ConfigError, readHallConfig } from './config.ts';

describe('hall configuration', () => {
  it('runs the demo hall with no settings at all', () => {
    const config = readHallConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.pinned).toBe(false);
    expect(config.kiosk.adminPinHash).toBe(DEMO_ADMIN_PIN_HASH);
    expect(config.kiosk.hallName['zh-CN']).toBe('示例市政务服务中心');
  });

  it('pins the clock to KIOSK_NOW and lets it run on', () => {
    const config = readHallConfig({ KIOSK_NOW: '2026-10-01T20:30:00+08:00' });
    expect(config.pinned).toBe(true);
    expect(config.clock.now() - Date.UTC(2026, 9, 1, 12, 30)).toBeLessThan(1000);
  });

  it('takes the hall name in three languages and bounds the idle timeout', () => {
    const config = readHallConfig({ KIOSK_HALL_NAME: '乙市政务服务中心', KIOSK_HALL_NAME_EN: 'Yi City Hall', KIOSK_IDLE_SECONDS: '5' });
    expect(config.kiosk.hallName).toEqual({ 'zh-CN': '乙市政务服务中心', 'zh-TW': '乙市政务服务中心', en: 'Yi City Hall' });
    expect(config.kiosk.idleSeconds).toBe(20);
    expect(config.kiosk.cardRemovalEndsSession).toBe(true);
    expect(readHallConfig({ KIOSK_CARD_REMOVAL_ENDS_SESSION: 'off' }).kiosk.cardRemovalEndsSession).toBe(false);
  });

  it('refuses settings it cannot use, saying which and why', () => {
    expect(() => readHallConfig({ KIOSK_NOW: '2026-10-01 20:30' })).toThrow(/KIOSK_NOW must be an ISO time with an offset/);
    expect(() => readHallConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readHallConfig({ KIOSK_ADMIN_PIN_HASH: '246810' })).toThrow(/hash-pin/);
    expect(() => readHallConfig({ KIOSK_VOICE: 'loud' })).toThrow(/KIOSK_VOICE/);
    expect(() => readHallConfig({ KIOSK_CARD_REMOVAL_ENDS_SESSION: 'yes' })).toThrow(/KIOSK_CARD_REMOVAL_ENDS_SESSION must be on or off/);
  });

  it('takes the secrets file and a pepper from the environment, and refuses a pepper short enough to guess', () => {
    const pepper = 'p'.repeat(43);
    expect(readHallConfig({ KIOSK_SECRETS_FILE: '/etc/kiosk24/secrets.json', KIOSK_HOLDER_PEPPER: pepper })).toMatchObject({ secretsFile: '/etc/kiosk24/secrets.json', holderPepper: pepper });
    expect(readHallConfig({}).secretsFile).toBeUndefined();
    expect(() => readHallConfig({ KIOSK_HOLDER_PEPPER: 'secret' })).toThrow(/KIOSK_HOLDER_PEPPER must be at least 43 characters/);
  });
});
