// Finds a Chromium for the browser test: CHROME_PATH, then Debian's /usr/bin/chromium.
// As root with apt it installs Debian's package (never a browser download of a test tool's own).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium() {
  if (process.env.CHROME_PATH) {
    if (fs.existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} 不存在`);
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(
      "Chromium not found: install Debian's package (apt-get install chromium) or set CHROME_PATH to a Chromium binary.",
    );
  }
  console.log('[test] installing Debian chromium (apt-get) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  // CJK fonts so screenshots show the Chinese UI instead of boxes.
  execSync('apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('Chromium install finished but no binary was found at /usr/bin/chromium.');
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureChromium());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
