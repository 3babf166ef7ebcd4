import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ROOT } from './paths';

/** The journeys test the built front end: they never build it themselves (CI runs `npm run build` first). */
export default function setup() {
  const index = path.join(ROOT, 'apps/web/dist/index.html');
  if (!fs.existsSync(index) || !fs.existsSync(path.join(ROOT, 'apps/web/dist/admin/index.html'))) {
    throw new Error('apps/web/dist is missing: run `npm run build` before `npm run e2e`');
  }
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('Chromium not found at /usr/bin/chromium: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)');
  }
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}
