import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, DEMO_ADMIN_PIN_HASH, parseKioskConfig } from './kiosk-config.ts';

describe('kiosk configuration', () => {
  it('keeps every readable field', () => {
    const config = parseKioskConfig({
      hallName: { 'zh-CN': '甲市政务服务中心', 'zh-TW': '甲市政務服務中心', en: 'Jia City Service Center' },
      idleSeconds: 90,
      voicePrompts: 'always',
      cardRemovalEndsSession: false,
      pinnedNow: '2026-10-01T20:00:00+08:00',
      adminPinHash: DEMO_ADMIN_PIN_HASH,
    });
    expect(config.adminPinHash).toBe(DEMO_ADMIN_PIN_HASH);
    expect(config.hallName.en).toBe('Jia City Service Center');
    expect(config.idleSeconds).toBe(90);
    expect(config.voicePrompts).toBe('always');
    expect(config.cardRemovalEndsSession).toBe(false);
    expect(config.pinnedNow).toBe('2026-10-01T20:00:00+08:00');
  });

  it('falls back to defaults field by field for anything unreadable', () => {
    expect(parseKioskConfig(null)).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(parseKioskConfig('[]')).toEqual(DEFAULT_KIOSK_CONFIG);
    const config = parseKioskConfig({
      hallName: { 'zh-CN': '', en: 42 },
      idleSeconds: 'soon',
      adminPinHash: 'plain-text-pin',
      voicePrompts: 'loud',
      cardRemovalEndsSession: 'yes',
    });
    expect(config).toEqual(DEFAULT_KIOSK_CONFIG);
  });
});
