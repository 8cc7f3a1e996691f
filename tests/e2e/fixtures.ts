import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Server {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
}

const SERVE = path.resolve(__dirname, '../../dist/electron/serve.js');

/** Starts browser mode on its own data directory and resolves once it prints its URL (no sleeps). */
export function startServer(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-e2e-')), env: Record<string, string> = {}): Promise<Server> {
  if (!fs.existsSync(SERVE)) throw new Error('dist/electron/serve.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /请在浏览器中打开：(\S+)/u.exec(out);
      if (m?.[1]) resolve({ url: m[1], dataDir, process: child, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

export async function stopServer(s: Server): Promise<void> {
  if (s.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.process.once('exit', () => resolve());
    s.process.kill('SIGTERM');
  });
}

/** Each test gets its own server and data directory. */
export const test = base.extend<{ server: Server }>({
  // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    // A slowed demo load, so the journey can watch its progress bar move.
    const s = await startServer(undefined, { INSPECTDESK_DEMO_ROW_DELAY_MS: '6' });
    await use(s);
    await stopServer(s);
  },
});

export { expect };
