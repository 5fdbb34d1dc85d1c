import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { BLANK_DIR, BLANK_DIST } from './paths.ts';

/** The mark the blank page sets when its paragraph is on screen, like the app's home mark. */
export const BLANK_MARK = 'blank:interactive';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>blank</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/main.tsx"></script>
  </body>
</html>
`;

// The app marks "interactive" in a useEffect, which Preact runs after the next frame
// (requestAnimationFrame, then a task). The blank page marks at that same moment without
// pulling in preact/hooks, so neither its size nor its timing is flattered.
const MAIN_TSX = `import { render } from 'preact';

render(<p>hello</p>, document.getElementById('app')!);
requestAnimationFrame(() => setTimeout(() => performance.mark('${BLANK_MARK}')));
`;

const TSCONFIG = JSON.stringify({ compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact', strict: true } });

function writeSources(): void {
  rmSync(BLANK_DIR, { recursive: true, force: true });
  mkdirSync(BLANK_DIR, { recursive: true });
  writeFileSync(join(BLANK_DIR, 'index.html'), INDEX_HTML);
  writeFileSync(join(BLANK_DIR, 'main.tsx'), MAIN_TSX);
  writeFileSync(join(BLANK_DIR, 'tsconfig.json'), TSCONFIG);
}

/**
 * Builds the reference page: Preact rendering one paragraph, with a precaching service worker
 * like the app's, so that size and offline cold start compare like with like. Same build
 * target as vite.config.ts.
 */
export async function buildBlankPage(): Promise<string> {
  writeSources();
  await build({
    configFile: false,
    envDir: false,
    root: BLANK_DIR,
    base: '/',
    logLevel: 'warn',
    plugins: [
      preact(),
      VitePWA({
        injectRegister: 'script',
        registerType: 'prompt',
        manifest: false,
        workbox: { globPatterns: ['**/*.{js,css,html}'], navigateFallback: '/index.html' },
      }),
    ],
    build: { outDir: BLANK_DIST, emptyOutDir: true, target: 'chrome120' },
  });
  return BLANK_DIST;
}
