// Smoke test of the real Electron shell: the built main process, preload and renderer together.
// Needs the Electron binary, which an offline `npm install` cannot download; then it is skipped
// and the browser-mode suite (tests/e2e) covers the UI. Run `npm run build` first.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

/**
 * In plain Node the 'electron' package exports the binary's path, or throws "Electron failed
 * to install correctly" when the download was skipped; the path must also exist on disk.
 */
function electronBinary(): string | null {
  try {
    const p: unknown = createRequire(__filename)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const MAIN = path.resolve(__dirname, '../../dist/electron/main.js');

test.describe('Electron shell', () => {
  test.skip(!binary, 'Electron binary not installed (offline install skipped its download); browser-mode e2e covers the UI');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/electron/main.js is missing: run `npm run build` first');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-electron-e2e-'));
    app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [MAIN, `--data-dir=${dataDir}`],
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('shows InspectDesk from app://bundle/', async () => {
    expect(page.url()).toMatch(/^app:\/\/bundle\//u);
    await expect(page).toHaveTitle(/InspectDesk|涉企行政检查工作台/u);
    await expect(page.getByText(/InspectDesk|涉企行政检查工作台/u).first()).toBeVisible();
  });

  test('exposes exactly window.inspectdesk = { call, onJobProgress, upload, download, openFile }', async () => {
    const keys = await page.evaluate(() => {
      const api = (window as unknown as { inspectdesk?: object }).inspectdesk;
      return api ? Object.keys(api).sort() : null;
    });
    expect(keys).toEqual(['call', 'download', 'onJobProgress', 'openFile', 'upload']);
  });

  test('keeps Node out of the page', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  test('answers a public route over IPC from its own data dir', async () => {
    const res = await page.evaluate(() =>
      (window as unknown as { inspectdesk: { call(r: string, i: unknown): Promise<unknown> } }).inspectdesk.call('auth.status', {}),
    );
    expect(res).toMatchObject({ ok: true, value: { appVersion: expect.any(String) } });
    expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0);
  });

  test('denies window.open and stays on the bundle', async () => {
    const blocked = await page.evaluate(() => window.open('https://evil.example/') === null);
    expect(blocked).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const urls = await app.evaluate(({ webContents }) => webContents.getAllWebContents().map((w) => w.getURL()));
    expect(urls.every((u) => u.startsWith('app://bundle/'))).toBe(true);
  });
});
