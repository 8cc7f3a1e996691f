import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../electron/app';
import type { Input, Output, RouteName } from '../../shared/api';

/** The worker bundle built by globalSetup (electron/jobs/worker.ts → .tmp/test-dist/worker.js). */
export const WORKER_JS = path.resolve(__dirname, '../../.tmp/test-dist/worker.js');

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'inspectdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real app on a real temporary database; its worker runs the TypeScript sources via tsx. */
export function testApp(dataDir = tempDir(), now?: () => Date): App {
  return createApp({ dataDir, mode: 'browser', appVersion: '0.0.0-test', workerFile: WORKER_JS, now });
}

/** Calls a route and returns its value, failing the test with the error message otherwise. */
export async function ok<R extends RouteName>(app: App, route: R, input: Input<R>, sessionKey = 'test'): Promise<Output<R>> {
  const r = await app.dispatch(route, input, { sessionKey });
  if (!r.ok) throw new Error(`${route} failed: ${r.error.code} ${r.error.message}`);
  return r.value as Output<R>;
}

export const ADMIN = { username: 'admin', displayName: '系统管理员', password: 'admin-pass-1' };

/** First run + admin logged in on session `test`. */
export async function adminApp(dataDir?: string): Promise<App> {
  const app = testApp(dataDir);
  await ok(app, 'auth.setup', ADMIN);
  return app;
}
