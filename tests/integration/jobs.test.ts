import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { JobRunner } from '../../electron/jobs/runner';
import { openDatabase } from '../../electron/db/database';
import type { JobEvent } from '../../shared/api';
import { adminApp, ok, tempDir, WORKER_JS } from '../support/app';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('background jobs in a worker thread', () => {
  it('loads the demo archive with progress, then refuses a second load', async () => {
    app = await adminApp();
    const events: JobEvent[] = [];
    app.onJobProgress((e) => events.push(e));
    const { jobId } = await ok(app, 'system.loadDemo', {});
    const done = await app.waitForJob(jobId);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ agencies: 3, officers: 12, enterprises: 360 });
    const progress = events.filter((e) => e.id === jobId && e.status === 'running' && e.total > 0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((e) => e.done)).toEqual([...progress.map((e) => e.done)].sort((a, b) => a - b));
    const info = await ok(app, 'system.info', {});
    expect(info.counts).toMatchObject({ agencies: 3, officers: 12, enterprises: 360 });
    const again = await app.dispatch('system.loadDemo', {}, { sessionKey: 'test' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    // Start and completion are both in the audit log.
    const audit = await ok(app, 'audit.list', { limit: 50 });
    expect(audit.rows.map((r) => r.summary).join('\n')).toMatch(/加载演示档案完成/u);
  });

  it('a cancelled demo load leaves the archive exactly as before', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'a.db')).db;
    db.close();
    const runner = new JobRunner({ dbPath: path.join(dir, 'a.db'), dataDir: dir, workerFile: WORKER_JS });
    const job = runner.start('demo.load', '加载演示档案', { rowDelayMs: 2 }, { userId: 1, username: 'admin' });
    await new Promise<void>((resolve) => {
      const off = runner.onProgress((e) => {
        if (e.id === job.id && e.done >= 100) {
          off();
          resolve();
        }
      });
    });
    runner.cancel(job.id);
    const end = await runner.wait(job.id);
    expect(end.status).toBe('cancelled');
    const check = new Database(path.join(dir, 'a.db'), { readonly: true });
    const n = check.prepare('SELECT (SELECT COUNT(*) FROM agencies) + (SELECT COUNT(*) FROM officers) + (SELECT COUNT(*) FROM enterprises) AS n').get() as { n: number };
    check.close();
    expect(n.n).toBe(0);
  });

  it('backs the database up with progress into a verified file', async () => {
    app = await adminApp();
    const { jobId } = await ok(app, 'system.backup', {});
    const done = await app.waitForJob(jobId);
    expect(done.status, done.error ?? '').toBe('done');
    const file = String(done.result?.path);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    copy.close();
    const info = await ok(app, 'system.info', {});
    expect(info.backups.map((b) => b.name)).toContain(path.basename(file));
  });

  it('reports a backup into an unwritable folder as a clear failure', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'a.db');
    openDatabase(dbPath).db.close();
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const runner = new JobRunner({ dbPath, dataDir: dir, workerFile: WORKER_JS });
    const job = runner.start('backup', '备份数据库', { targetDir: path.join(blocker, 'sub') }, { userId: 1, username: 'a' });
    const end = await runner.wait(job.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/备份目录无法写入/u);
  });
});
