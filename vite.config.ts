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

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
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
        // Only the kiosk's own files: the staff, display, admin, track, verify, evaluate and case pages are the server's.
        globIgnores: ['src/pages/**', 'assets/pages-*'],
        navigateFallback: '/index.html',
        // Server pages and the API are never answered from the app-shell cache.
        navigateFallbackDenylist: [/^\/api\//, /^\/(admin|staff|display|track|verify|evaluate|case)(\/|$)/],
        cleanupOutdatedCaches: true,
        skipWaiting: false,
        clientsClaim: false,
      },
    }),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(`${pkg.version}+${commit()}`),
  },
  build: {
    target: 'chrome120',
    rolldownOptions: {
      // The kiosk PWA, and the hall's own pages served by the hall server (not precached).
      input: {
        kiosk: 'index.html',
        staff: 'src/pages/staff/index.html',
        display: 'src/pages/display/index.html',
        admin: 'src/pages/admin/index.html',
        track: 'src/pages/track/index.html',
        verify: 'src/pages/verify/index.html',
        evaluate: 'src/pages/evaluate/index.html',
        case: 'src/pages/case/index.html',
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'kiosk' ? 'assets/[name]-[hash].js' : 'assets/pages-[name]-[hash].js'),
        // Chunks only the hall's pages use are named pages-* too, so the kiosk does not precache them.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => id.includes('/src/pages/'))
            ? 'assets/pages-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
        // Styles only the hall's pages use are pages-* too: named after a page, or made from files under src/pages alone.
        assetFileNames: (asset) =>
          /^(staff|display|admin|track|verify|evaluate|case)\./.test(asset.names[0] ?? '') ||
          (asset.originalFileNames.length > 0 && asset.originalFileNames.every((name) => name.includes('src/pages/')))
            ? 'assets/pages-[name]-[hash][extname]'
            : 'assets/[name]-[hash][extname]',
      },
    },
    // Chromium supports module preload natively; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['src/**/*.test.ts', 'kiosk-shell/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/api/**/*.test.ts', 'test/chaos/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
