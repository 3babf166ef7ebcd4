import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from './paths';

/** Asset files an HTML entry loads directly (script, modulepreload, stylesheet). */
function entryAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"?#]+)"/g)].map((m) => m[1]!);
}

/** Every asset reachable from the given ones through static and dynamic imports inside the JS chunks. */
function reachable(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const file = path.join(WEB_DIST, 'assets', f);
    if (!f.endsWith('.js') || !fs.existsSync(file)) continue;
    const code = fs.readFileSync(file, 'utf8');
    // Chunks import each other as "./name-hash.js"; preload lists name chunks and their CSS as "assets/name-hash.ext".
    for (const m of code.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css))["'`]/g)) queue.push(m[1]!);
  }
  return seen;
}

/**
 * The assets that belong to the back office only: reachable from dist/admin/index.html but not from the
 * portal's dist/index.html. A portal visitor must never download any of them.
 */
export function adminOnlyAssets(): { adminOnly: Set<string>; adminEntry: string[]; portal: Set<string> } {
  const adminEntry = entryAssets(fs.readFileSync(path.join(WEB_DIST, 'admin/index.html'), 'utf8'));
  const portal = reachable(entryAssets(fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8')));
  const admin = reachable(adminEntry);
  const adminOnly = new Set([...admin].filter((f) => !portal.has(f)));
  return { adminOnly, adminEntry, portal };
}
