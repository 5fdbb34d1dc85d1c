import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  /** Sum of the gzip sizes of every script the page loads before it can run. */
  gzipBytes: number;
  files: { path: string; rawBytes: number; gzipBytes: number }[];
}

/** The attributes of every `<tag ...>` in the html, as name → value maps. */
function tags(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const attr of match[1]!.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[attr[1]!.toLowerCase()] = attr[2] ?? attr[3] ?? attr[4] ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/**
 * Entry scripts and module preloads: what the browser fetches and runs at start. Classic
 * scripts count too (the blank page's service worker registration is one); lazy chunks do not.
 */
export function initialScripts(html: string): string[] {
  const scripts = tags(html, 'script')
    .map((attributes) => attributes.src)
    .filter((src): src is string => Boolean(src));
  const preloads = tags(html, 'link')
    .filter((attributes) => attributes.rel?.split(/\s+/).includes('modulepreload'))
    .map((attributes) => attributes.href)
    .filter((href): href is string => Boolean(href));
  return [...new Set([...scripts, ...preloads])];
}

/** Only files of the build itself; an absolute URL would not be in the precache either. */
function localPath(distDir: string, url: string): string {
  if (/^[a-z]+:|^\/\//i.test(url)) throw new Error(`index.html loads a script from elsewhere: ${url}`);
  return join(distDir, url.replace(/^\.?\//, '').split(/[?#]/)[0]!);
}

export function measureInitialJs(distDir: string): InitialJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = initialScripts(html).map((url) => {
    const content = readFileSync(localPath(distDir, url));
    return { path: url, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`${distDir}index.html loads no script`);
  return { gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0), files };
}
