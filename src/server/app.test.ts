import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../core/kiosk-config.ts';
import { buildServer } from './app.ts';
import { readHallConfig } from './config.ts';

describe('hall server', () => {
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'kiosk24-app-test-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(webRoot, 'sw.js'), '// service worker');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildServer({ config: readHallConfig({ KIOSK_NOW: '2026-02-17T08:00:00+08:00' }), webRoot });
  });

  afterAll(async () => {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the kiosk configuration with the pinned time, never cached', async () => {
    const response = await app.inject('/api/v1/kiosk/config');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(parseKioskConfig(body)).toEqual(body);
    expect(Date.parse(body.pinnedNow) - Date.UTC(2026, 1, 17, 0)).toBeLessThan(5000);
  });

  it('answers the health probe', async () => {
    const response = await app.inject('/api/v1/health');
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the PWA with a strict content security policy', async () => {
    const response = await app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets hashed assets be cached for good but makes the service worker revalidate', async () => {
    expect((await app.inject('/assets/index-abc123.js')).headers['cache-control']).toContain('immutable');
    expect((await app.inject('/sw.js')).headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/index.html')).headers['cache-control']).toBe('no-cache');
  });

  it('answers an unknown resource with a clear JSON error', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/nothing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not-found', message: 'No such resource: POST /api/v1/nothing' } });
  });

  it('refuses to start without a built PWA', async () => {
    await expect(buildServer({ config: readHallConfig({}), webRoot: join(webRoot, 'missing') })).rejects.toThrow(/npm run build/);
  });
});
