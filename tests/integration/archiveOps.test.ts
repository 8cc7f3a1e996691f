import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { followMove } from '../../electron/dataDir';
import { createApp, type App } from '../../electron/app';
import { JobRunner } from '../../electron/jobs/runner';
import { isDue, startBackupScheduler, tick } from '../../electron/services/archive/schedule';
import { ok, tempDir, WORKER_JS } from '../support/app';
import { archiveWorld, as, closedInspection, fail, sql, type ArchiveWorld } from './archiveWorld';

/**
 * The archive's safety work (issue 6.3–6.5): search with filters, the fixity check and its
 * log, whole-archive backup → verify → restore into a fresh data directory, folder errors in
 * Chinese, and automatic backups on an injectable clock keeping the newest N.
 */

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function world(): Promise<ArchiveWorld> {
  const x = await archiveWorld();
  apps.push(x.a);
  return x;
}

async function finished(a: App, jobId: string) {
  return a.waitForJob(jobId);
}

describe('archive search', () => {
  it('finds case files, inspections, documents and enterprises by Chinese text, with filters', async () => {
    const x = await world();
    const { a } = x;
    const ins = await closedInspection(x);
    const { id } = await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
    const hits = async (input: Parameters<typeof as<'archive.search'>>[3]) => (await as(a, 'officer', 'archive.search', input)).hits;

    // Three or more characters: a substring anywhere in a name (trigram index).
    const all = await hits({ q: '湘莲食品' });
    expect(new Set(all.map((h) => h.kind))).toEqual(new Set(['case_file', 'inspection', 'document', 'enterprise']));
    // One or two characters work too.
    expect((await hits({ q: '湘莲' })).length).toBeGreaterThan(3);
    expect((await hits({ q: '莲', kind: 'case_file' })).map((h) => h.id)).toEqual([id]);
    // Numbers, codes and several terms.
    expect((await hits({ q: '检通〔2025〕1号', kind: 'document' })).map((h) => h.title)).toEqual([expect.stringContaining('湘县市监检通〔2025〕1号')]);
    expect((await hits({ q: '91350100M000100Y43 食品', kind: 'inspection' })).map((h) => h.id)).toEqual([ins.id]);
    // Filters: year, retention, agency; an archive-only filter leaves enterprises out.
    expect(await hits({ q: '湘莲', year: 2024 })).toEqual([]);
    expect((await hits({ q: '湘莲', retention: '10y' })).map((h) => h.kind)).toEqual(['case_file']);
    expect((await hits({ q: '湘莲', agencyId: x.w.otherAgencyId })).length).toBe(0);
    // The case file list searches too; LIKE wildcards are literal.
    expect((await as(a, 'officer', 'caseFiles.list', { q: '湘莲食品' })).rows.map((r) => r.id)).toEqual([id]);
    expect(await hits({ q: '%_%', kind: 'inspection' })).toEqual([]);
  });
});

describe('fixity check', () => {
  it('re-hashes every referenced file, names the records of a missing or changed one, and logs each run', async () => {
    const x = await world();
    const { a } = x;
    const ins = await closedInspection(x);
    await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
    const run = async () => {
      const { jobId } = await as(a, 'archivist', 'fixity.start', {});
      return finished(a, jobId);
    };
    const good = await run();
    expect(good.status).toBe('done');
    expect(good.result).toMatchObject({ status: 'ok', missing: 0, changed: 0 });
    expect(Number(good.result?.files)).toBe(5 + 1 + 3); // documents, the photo, the case file's three products

    // Damage two files behind the app's back.
    const [photo, doc] = sql(a, (db) => [db.prepare('SELECT sha256 FROM attachments').pluck().get(), db.prepare("SELECT sha256 FROM documents WHERE kind = 'inspectionNotice'").pluck().get()]) as [string, string];
    const store = path.join(a.dataDir, 'files', 'sha256');
    const photoFile = path.join(store, photo.slice(0, 2), photo.slice(2));
    fs.chmodSync(photoFile, 0o644);
    fs.appendFileSync(photoFile, 'x');
    fs.rmSync(path.join(store, doc.slice(0, 2), doc.slice(2)));
    const bad = await run();
    expect(bad.result).toMatchObject({ status: 'problems', missing: 1, changed: 1 });
    const runs = await as(a, 'archivist', 'fixity.runs', { limit: 10 });
    expect(runs.map((r) => r.status)).toEqual(['problems', 'ok']);
    const problems = runs[0]?.problems ?? [];
    expect(problems).toContainEqual({ sha256: photo, state: 'changed', records: [expect.objectContaining({ kind: 'attachment', label: expect.stringContaining('现场照片.jpg') })] });
    expect(problems).toContainEqual({ sha256: doc, state: 'missing', records: [expect.objectContaining({ kind: 'document', label: expect.stringContaining('湘县市监检通〔2025〕1号') })] });
    // The log is append-only.
    expect(() => sql(a, (db) => db.prepare('DELETE FROM fixity_runs').run())).toThrow(/append-only/u);
    expect((await fail(a, 'fixity.start', {}, 'officer')).code).toBe('FORBIDDEN');
  });
});

describe('whole-archive backup', () => {
  it('backs up database and files, verifies, restores into a fresh data directory that opens with the same records', async () => {
    const x = await world();
    const { a } = x;
    const ins = await closedInspection(x);
    await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
    const target = tempDir('archive-backup-');

    // Folder problems are refused at once, in words.
    expect((await fail(a, 'archiveBackups.start', { targetDir: 'backups' }, 'archivist')).message).toMatch(/请填写完整路径/u);
    expect((await fail(a, 'archiveBackups.start', { targetDir: path.join(target, '不存在') }, 'archivist')).message).toMatch(/备份文件夹不存在/u);
    fs.writeFileSync(path.join(target, '一个文件.txt'), 'x');
    expect((await fail(a, 'archiveBackups.start', { targetDir: path.join(target, '一个文件.txt', '子目录') }, 'archivist')).message).toMatch(/不是文件夹/u);
    expect((await fail(a, 'archiveBackups.start', { targetDir: path.join(target, '一个文件.txt') }, 'archivist')).message).toMatch(/是一个文件，不是文件夹/u);
    expect((await fail(a, 'archiveBackups.start', { targetDir: path.join(a.dataDir, 'files') }, 'archivist')).message).toMatch(/不能放在数据目录/u);

    const { jobId } = await as(a, 'archivist', 'archiveBackups.start', { targetDir: target });
    const job = await finished(a, jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const dir = String(job.result?.path);
    expect(path.basename(dir)).toMatch(/^InspectDesk-整库备份-\d{8}-\d{6}$/u);
    expect(fs.readdirSync(target).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // Standard tools check it too.
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: dir, encoding: 'utf8' })).toBe('');

    const v = await finished(a, (await as(a, 'archivist', 'archiveBackups.verify', { path: dir })).jobId);
    expect(v.result).toMatchObject({ ok: true, problemCount: 0 });

    // Restore refuses a non-empty folder, then restores into a new one.
    const busy = tempDir('restore-busy-');
    fs.writeFileSync(path.join(busy, 'x'), 'x');
    const refused = await finished(a, (await ok(a, 'archiveBackups.restore', { path: dir, targetDir: busy })).jobId);
    expect(refused.error).toMatch(/不存在或空的文件夹/u);
    const fresh = path.join(tempDir('restore-'), '恢复的档案');
    const r = await finished(a, (await ok(a, 'archiveBackups.restore', { path: dir, targetDir: fresh })).jobId);
    expect(r.status, r.error ?? '').toBe('done');
    // The next start of the old directory switches to the restored copy; a refused restore did not.
    expect(followMove(a.dataDir).dir).toBe(fresh);
    const restored = createApp({ dataDir: fresh, mode: 'browser', appVersion: 't', workerFile: WORKER_JS });
    apps.push(restored);
    await ok(restored, 'auth.login', { username: 'archivist', password: 'archivist-pass-1' }, 'r');
    const list = await ok(restored, 'caseFiles.list', {}, 'r');
    expect(list.rows).toHaveLength(1);
    const fix = await finished(restored, (await ok(restored, 'fixity.start', {}, 'r')).jobId);
    expect(fix.result).toMatchObject({ status: 'ok', missing: 0, changed: 0 });

    // A damaged backup fails verification and is not restored.
    const some = fs.readdirSync(path.join(dir, 'files', 'sha256'))[0] ?? '';
    const f = path.join(dir, 'files', 'sha256', some, fs.readdirSync(path.join(dir, 'files', 'sha256', some))[0] ?? '');
    fs.chmodSync(f, 0o644);
    fs.appendFileSync(f, 'x');
    const broken = await finished(a, (await as(a, 'archivist', 'archiveBackups.verify', { path: dir })).jobId);
    expect(broken.result).toMatchObject({ ok: false, problemCount: 1 });
    const nope = await finished(a, (await ok(a, 'archiveBackups.restore', { path: dir, targetDir: path.join(tempDir('restore2-'), 'x') })).jobId);
    expect(nope.error).toMatch(/备份校验未通过，未恢复/u);
  });

  it('runs automatic backups on schedule (injected clock) and keeps the newest N', async () => {
    const x = await world();
    const { a } = x;
    const target = tempDir('auto-backup-');
    expect((await fail(a, 'archiveBackups.setSchedule', { enabled: true, targetDir: path.join(target, 'nope'), everyHours: 24, keep: 2 }, 'archivist')).message).toMatch(/不存在/u);
    await as(a, 'archivist', 'archiveBackups.setSchedule', { enabled: true, targetDir: target, everyHours: 24, keep: 2 });
    const sched = await as(a, 'archivist', 'archiveBackups.getSchedule', {});
    expect(sched).toMatchObject({ enabled: true, keep: 2, lastRunAt: null });
    expect(isDue(sched, new Date())).toBe(true);

    // The scheduler with a fake job runner and an injected clock.
    const db = new Database(a.dbPath);
    const started: string[] = [];
    let t = Date.parse('2025-09-26T02:00:00Z');
    const fakeJobs = { isRunning: () => false, start: (kind: string) => (started.push(kind), { id: `job-${started.length}` }) };
    try {
      const s = { db, jobs: fakeJobs as never };
      expect(tick(s, new Date(t))).toBe('job-1');
      expect(tick(s, new Date(t + 3_600_000))).toBeNull(); // not due for 24 h
      t += 25 * 3_600_000;
      expect(tick(s, new Date(t))).toBe('job-2');
      // The timer calls tick with the injected clock and stops when told.
      let fire: (() => void) | null = null;
      const stop = startBackupScheduler(s, { now: () => new Date(t + 48 * 3_600_000), setInterval: (fn) => ((fire = fn), 1), clearInterval: () => (fire = null) });
      (fire as (() => void) | null)?.();
      expect(started).toEqual(['archive.backup', 'archive.backup', 'archive.backup']);
      stop();
      expect(fire).toBeNull();

      // Real automatic backups (the real worker): three runs with keep 2 leave the newest two.
      const runner = new JobRunner({ dbPath: a.dbPath, dataDir: a.dataDir, workerFile: WORKER_JS });
      const real = { db, jobs: runner };
      for (let i = 0; i < 3; i++) {
        t += 25 * 3_600_000;
        const id = tick(real, new Date(t));
        expect(id).not.toBeNull();
        const job = await runner.wait(id ?? '');
        expect(job.status, job.error ?? '').toBe('done');
      }
      await runner.close();
    } finally {
      db.close();
    }
    const kept = fs.readdirSync(target).filter((n) => n.startsWith('InspectDesk-自动备份-'));
    expect(kept).toHaveLength(2);
    const audit = sql(a, (d) => d.prepare("SELECT summary FROM audit_log WHERE route = 'archive.schedule'").pluck().all());
    expect(audit).toHaveLength(6);
  });
});
