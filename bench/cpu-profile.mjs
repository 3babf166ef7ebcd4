// Summarises a V8 .cpuprofile (node --cpu-prof): self time by area (npm package, the project's own source files,
// Node internals, GC, idle) and the functions with the most self time. `node bench/cpu-profile.mjs <file>`.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

function area(url, functionName) {
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(program)') return '(program: native, outside JS)';
    return `(native) ${functionName}`;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = url.match(/(apps\/server\/src\/[^/]+(?:\/[^/]+)?|packages\/shared\/src\/[^/]+)/);
  if (m) return m[1];
  return url.replace(/^file:\/\//, '');
}

/**
 * Returns a Markdown list: self time by area (top 15) and the top 15 functions. `window` keeps only the samples taken
 * between `fromEndMs` and `toEndMs` milliseconds before the end of the profile (the process exit), e.g. the measured
 * run without the start-up (module compilation) and the shutdown.
 */
export function summariseProfile(file, top = 15, window = null) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  let t = prof.startTime;
  const from = window ? prof.endTime - window.fromEndMs * 1000 : -Infinity;
  const to = window ? prof.endTime - window.toEndMs * 1000 : Infinity;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > to) continue;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const areas = new Map();
  const fns = new Map();
  let idle = 0;
  for (const [id, t] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const a = area(cf.url, cf.functionName);
    if (a === '(idle)') idle += t;
    areas.set(a, (areas.get(a) ?? 0) + t);
    const fk = a === '(idle)' ? '(idle)' : `${cf.functionName || '(anonymous)'} ${a}:${cf.lineNumber + 1}`;
    fns.set(fk, (fns.get(fk) ?? 0) + t);
  }
  const busy = total - idle;
  const pct = (t) => `${((t / busy) * 100).toFixed(1)} %`;
  const list = (m) =>
    [...m]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
  return [
    `  - ${window ? 'window' : 'profile'} ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s; shares of the busy time:`,
    ...list(areas).map(([k, t]) => `    - ${k}: ${pct(t)}`),
    `  - top functions by self time:`,
    ...list(fns).map(([k, t]) => `    - ${k}: ${pct(t)}`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(summariseProfile(process.argv[2], Number(process.argv[3] ?? 15)));
}
