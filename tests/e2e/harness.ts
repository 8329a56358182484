import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(root, 'test-results');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningGateway {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `local-engine/main.ts` exactly as `npm run serve` does, on a free port and a fresh data folder. `env` adds
 * to the environment (e.g. SEED_HISTORY=1: the demo seed writes its months of report history under jest too).
 */
export async function startGateway(env: Record<string, string> = {}): Promise<RunningGateway> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-e2e-'));
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['local-engine/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`gateway did not become healthy in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A screenshot of the whole page, written to test-results/<name>.png. Taro h5 scrolls inside the page element
 * (`.taro_page`), not the document, so Playwright's `fullPage` would stop at the viewport: the viewport is made as
 * tall as the visible page's content for the shot (at most 16000 px, under Chromium's texture limit), then set back.
 */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.offsetHeight > 0);
    return Math.max(document.documentElement.scrollHeight, ...shown.map((p) => p.scrollHeight));
  });
  const tall = viewport && height > viewport.height;
  if (tall) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 16000) });
  try {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  } finally {
    if (tall) await page.setViewportSize(viewport);
  }
}

/** The smallest valid PNG (1×1), written once to a temp file for photo uploads. */
export function samplePhoto(): string {
  const file = path.join(os.tmpdir(), 'mx-e2e-photo.png');
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  if (!fs.existsSync(file)) fs.writeFileSync(file, Buffer.from(png, 'base64'));
  return file;
}

/** A direct call to the gateway, for setting the stage quickly (the UI path is tested elsewhere). */
export async function callCloud(url: string, fn: string, openid: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/cloud/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!json.ok) throw new Error(`${fn}.${String(body.action)} failed: ${JSON.stringify(json.error)}`);
  return json.data;
}

/** Page helpers that act as a person would: through the visible identity switcher and the home page. */
export function personas(page: Page, url: string) {
  const openHome = async () => {
    await page.goto(`${url}/#/pages/index/index`);
    await page.getByText('隐患随手拍').first().waitFor();
  };
  /** Switches identity with the switcher; the page reloads as the new person. */
  const become = async (openid: string) => {
    // Taro h5 keeps earlier pages of the stack in the DOM (hidden): act on the visible one.
    const select = page.locator('select.identity-bar__select:visible').first();
    await select.locator(`option[value="${openid}"]`).waitFor({ state: 'attached' });
    if ((await select.inputValue()) === openid) return;
    await Promise.all([page.waitForEvent('load'), select.selectOption(openid)]);
  };
  const visible = (selector: string) => page.locator(`${selector}:visible`).first();
  /** Picks a photo through the h5 file chooser that Taro.chooseImage opens. */
  const addPhoto = async (addButton: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(addButton).click()]);
    await chooser.setFiles(samplePhoto());
  };
  return { openHome, become, visible, addPhoto };
}

/**
 * One gateway (fresh DATA_DIR, free port) and one browser page for a test file, started before its tests
 * and stopped after them. Use inside a describe-less test file: `const s = browserSession();` then `s.page`.
 */
export function browserSession(options: { env?: Record<string, string> } = {}) {
  const session = {} as { gateway: RunningGateway; browser: Browser; page: Page; as: ReturnType<typeof personas> };
  beforeAll(async () => {
    session.gateway = await startGateway(options.env);
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage({ viewport: { width: 414, height: 860 }, locale: 'zh-CN' });
    session.as = personas(session.page, session.gateway.url);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.gateway?.stop();
  });
  return session;
}
