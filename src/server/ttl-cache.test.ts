import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

describe('ttl cache', () => {
  it('loads once within the lifetime, again after it and after a delete', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<string, number>(1000, 10, () => now);
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(2);
    cache.delete('a');
    expect(await cache.get('a', load)).toBe(3);
  });

  it('keeps at most its bound of entries', async () => {
    const cache = new TtlCache<number, number>(1000, 2, () => 0);
    let loads = 0;
    for (const key of [1, 2, 3, 1]) await cache.get(key, async () => ++loads);
    expect(loads).toBe(4);
  });
});
