import { describe, expect, it } from 'vitest';
import { isNavigationAllowed } from './navigation.ts';

describe('navigation lockdown', () => {
  const origin = 'http://127.0.0.1:8080';
  it('allows the kiosk origin only', () => {
    expect(isNavigationAllowed('/admin', origin)).toBe(true);
    expect(isNavigationAllowed('#top', origin)).toBe(true);
    expect(isNavigationAllowed('http://127.0.0.1:8080/display', origin)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', origin)).toBe(false);
    expect(isNavigationAllowed('http://127.0.0.1:9000/', origin)).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)', origin)).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', origin)).toBe(false);
    expect(isNavigationAllowed('http://[bad', origin)).toBe(false);
  });
});
