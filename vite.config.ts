import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'dev';
  }
}

/** The hall's own pages, served by the hall server and never precached by the kiosk. */
const HALL_PAGES = ['staff', 'display', 'admin', 'track', 'verify', 'evaluate', 'case'] as const;

/**
 * Two builds into one `dist`: the kiosk PWA (`vite build`), then the hall's pages
 * (`vite build --mode pages`). Apart, the kiosk's start-up code is a few chunks of its own
 * instead of many small ones shared with the pages, which its offline cold start pays for
 * chunk by chunk; and the pages' files never reach the kiosk's precache.
 */
export default defineConfig(({ mode }) => {
  const pages = mode === 'pages';
  return {
    plugins: [preact(), ...(pages ? [] : [kioskServiceWorker()])],
    define: {
      __APP_VERSION__: JSON.stringify(`${pkg.version}+${commit()}`),
    },
    build: {
      target: 'chrome120',
      // The pages build adds to the kiosk's output.
      emptyOutDir: !pages,
      rolldownOptions: pages
        ? {
            input: Object.fromEntries(HALL_PAGES.map((page) => [page, `src/pages/${page}/index.html`])),
            output: {
              entryFileNames: 'assets/pages-[name]-[hash].js',
              chunkFileNames: 'assets/pages-[name]-[hash].js',
              assetFileNames: 'assets/pages-[name]-[hash][extname]',
            },
          }
        : { input: { kiosk: 'index.html' } },
      // Chromium supports module preload natively; the polyfill would only add bytes.
      modulePreload: { polyfill: false },
    },
    test: {
      include: ['src/**/*.test.ts', 'kiosk-shell/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/api/**/*.test.ts', 'test/chaos/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      environment: 'node' as const,
    },
  };
});

function kioskServiceWorker() {
  return VitePWA({
    // The app registers the worker itself (src/platform/service-worker.ts) and decides when a
    // waiting version may take over; the worker must never skip waiting on its own.
    injectRegister: false,
    registerType: 'prompt',
    manifest: {
      name: '政务服务自助终端',
      short_name: 'kiosk24',
      lang: 'zh-CN',
      display: 'fullscreen',
      orientation: 'any',
      background_color: '#eef2f7',
      theme_color: '#0b4a8b',
      icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
      // Only the kiosk's own files: the hall's pages are built after this and are the server's.
      globIgnores: ['src/pages/**', 'assets/pages-*'],
      navigateFallback: '/index.html',
      // Server pages and the API are never answered from the app-shell cache.
      navigateFallbackDenylist: [/^\/api\//, new RegExp(`^/(${HALL_PAGES.join('|')})(/|$)`)],
      cleanupOutdatedCaches: true,
      skipWaiting: false,
      clientsClaim: false,
    },
  });
}
