import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app';
import { verifyBundle } from '../../electron/bundle/read';
import { NOOP_IO } from '../unit/bundle/fixtures';
import { ok, tempDir, WORKER_JS } from '../support/app';
import { archiveWorld, as, closedInspection } from './archiveWorld';

/**
 * Faults (issue 6.7): an export, an import and a backup killed with SIGKILL once they are under
 * way leave a database that passes integrity_check, no partial import, and no half-written file
 * under a final name; a full disk and an unwritable folder give a clear message and lose nothing.
 */

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'exchangeChild.ts');

/** A source archive with 32 MiB of evidence, closed; and a bundle of it. */
let source = '';
let bundle = '';
let emptyTarget = '';

/** Opens an existing data directory with the archivist logged in on session 'archivist'. */
async function reopen(dir: string): Promise<App> {
  const a = createApp({ dataDir: dir, mode: 'browser', appVersion: 't', workerFile: WORKER_JS });
  await ok(a, 'auth.login', { username: 'archivist', password: 'archivist-pass-1' }, 'archivist');
  return a;
}

beforeAll(async () => {
  source = tempDir('fault-src-');
  const x = await archiveWorld(source);
  try {
    const ins = await closedInspection(x);
    for (let i = 0; i < 4; i++) {
      const up = x.a.transfers.saveUploadBytes(`现场录像${i + 1}.mp4`, randomBytes(8 * 1024 * 1024));
      // Large evidence (a closed inspection still takes evidence until it is archived), so each operation takes a while.
      await ok(x.a, 'inspections.addAttachment', { id: ins.id, uploadId: up.uploadId, kind: 'video' }, 'officer');
    }
    const { jobId } = await as(x.a, 'archivist', 'bundles.export', { from: '2025-01-01', to: '2025-12-31' });
    const job = await x.a.waitForJob(jobId);
    bundle = path.join(tempDir('fault-bundle-'), '数据包.zip');
    fs.copyFileSync(x.a.transfers.download(String(job.result?.downloadId)).path, bundle);
  } finally {
    await x.a.close();
  }
  emptyTarget = tempDir('fault-dst-');
  await (await archiveWorld(emptyTarget)).a.close();
}, 120_000);

afterAll(() => {
  for (const d of [source, emptyTarget]) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs the child and kills it with SIGKILL at the first progress report `when` accepts. */
async function killDuring(args: string[], when: (p: { phase?: string; done?: number; total?: number }) => boolean): Promise<{ seen: { phase?: string; done?: number }[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const seen: { phase?: string; done?: number; finished?: boolean }[] = [];
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const l of lines) {
      const p = JSON.parse(l) as { phase?: string; done?: number; total?: number; finished?: boolean };
      seen.push(p);
      if (when(p)) child.kill('SIGKILL');
    }
  });
  const { signal } = await new Promise<{ signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (_c, s) => resolve({ signal: s })));
  expect(signal, `child was not killed; stderr: ${stderr}; seen: ${JSON.stringify(seen.slice(-3))}`).toBe('SIGKILL');
  expect(seen.some((p) => p.finished)).toBe(false);
  return { seen };
}

function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'inspectdesk.db'), { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Every stored file's bytes match its name (nothing half-written under a final name). */
function storeIsSound(dataDir: string): number {
  const root = path.join(dataDir, 'files', 'sha256');
  let n = 0;
  for (const d of fs.readdirSync(root)) {
    for (const f of fs.readdirSync(path.join(root, d))) {
      expect(createHash('sha256').update(fs.readFileSync(path.join(root, d, f))).digest('hex')).toBe(d + f);
      n++;
    }
  }
  return n;
}

function copyDir(from: string): string {
  const to = tempDir('fault-copy-');
  fs.cpSync(from, to, { recursive: true, filter: (f) => !f.startsWith(path.join(from, 'tmp')) });
  fs.rmSync(path.join(to, 'inspectdesk.lock'), { force: true });
  return to;
}

describe('kill -9 in the middle', () => {
  it('of an export: no bundle under the final name, the database intact', async () => {
    const dir = copyDir(source);
    const target = path.join(tempDir('fault-export-'), '导出.zip');
    await killDuring(['export', dir, target], (p) => p.phase === '写入数据包' && (p.done ?? 0) > 4 * 1024 * 1024);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['导出.zip.partial']);
    await expect(verifyBundle(`${target}.partial`, NOOP_IO)).rejects.toMatchObject({ problem: 'ZIP_TRUNCATED' });
    expect(integrity(dir)).toBe('ok');
  }, 60_000);

  it('of an import inside its transaction: nothing of the bundle is visible, the database intact', async () => {
    const dir = copyDir(emptyTarget);
    const count = (t: string) => {
      const db = new Database(path.join(dir, 'inspectdesk.db'), { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const before = ['inspections', 'documents', 'attachments', 'bundle_imports', 'imported_audit'].map(count);
    const { seen } = await killDuring(['import', dir, bundle], (p) => p.phase === '合并记录' && (p.done ?? 0) > 0);
    expect(seen.some((p) => p.phase === '存入档案文件')).toBe(true);
    expect(integrity(dir)).toBe('ok');
    expect(['inspections', 'documents', 'attachments', 'bundle_imports', 'imported_audit'].map(count)).toEqual(before);
    // The files stored before the merge are complete (and harmless: nothing refers to them yet).
    expect(storeIsSound(dir)).toBeGreaterThan(4);
  }, 60_000);

  it('of an import while storing files: no half-written file under its hash name', async () => {
    const dir = copyDir(emptyTarget);
    await killDuring(['import', dir, bundle], (p) => p.phase === '存入档案文件' && (p.done ?? 0) > 9 * 1024 * 1024);
    expect(integrity(dir)).toBe('ok');
    storeIsSound(dir);
  }, 60_000);

  it('of a backup: no backup folder under its final name, the archive intact', async () => {
    const dir = copyDir(source);
    const target = tempDir('fault-backup-');
    await killDuring(['backup', dir, target], (p) => p.phase === '备份档案文件' && (p.done ?? 0) > 8 * 1024 * 1024);
    const names = fs.readdirSync(target);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^InspectDesk-整库备份-.*\.partial$/u);
    expect(integrity(dir)).toBe('ok');
  }, 60_000);
});

/** A tiny tmpfs (root with CAP_SYS_ADMIN, as in CI's container); null where mounting is not allowed. */
function tinyDisk(sizeMb: number, readOnly = false): { dir: string; done: () => void } | null {
  const dir = tempDir('tinyfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    done: () => {
      execFileSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const canMount = (() => {
  const t = tinyDisk(1);
  t?.done();
  return t !== null;
})();

describe('full and unwritable disks', () => {
  it.skipIf(!canMount)('refuses a backup that cannot fit, before writing, in words', async () => {
    const disk = tinyDisk(4);
    if (!disk) return;
    const a = await reopen(copyDir(source));
    try {
      const { jobId } = await as(a, 'archivist', 'archiveBackups.start', { targetDir: disk.dir });
      const job = await a.waitForJob(jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/磁盘空间不足：整库备份约需 3\d MB/u);
      expect(fs.readdirSync(disk.dir)).toEqual([]);
    } finally {
      await a.close();
      disk.done();
    }
  }, 60_000);

  it.skipIf(!canMount)('fails an export that fills the disk with a clear message and keeps the archive', async () => {
    const disk = tinyDisk(60);
    if (!disk) return;
    try {
      const dir = path.join(disk.dir, 'data');
      fs.cpSync(source, dir, { recursive: true, filter: (f) => !f.startsWith(path.join(source, 'tmp')) });
      fs.rmSync(path.join(dir, 'inspectdesk.lock'), { force: true });
      const a = await reopen(dir);
      try {
        const { jobId } = await as(a, 'archivist', 'bundles.export', { from: '2025-01-01', to: '2025-12-31' });
        const job = await a.waitForJob(jobId);
        expect(job.status).toBe('failed');
        expect(job.error).toMatch(/^磁盘已满，数据包导出未完成/u);
        expect(fs.readdirSync(path.join(dir, 'tmp', 'downloads')).filter((n) => n.endsWith('.zip') || n.endsWith('.partial'))).toEqual([]);
        // The archive still works: a search answers.
        expect((await ok(a, 'archive.search', { q: '湘莲' }, 'archivist')).hits.length).toBeGreaterThan(0);
      } finally {
        await a.close();
      }
      expect(integrity(dir)).toBe('ok');
    } finally {
      disk.done();
    }
  }, 90_000);

  it.skipIf(!canMount)('refuses a read-only folder at once', async () => {
    const disk = tinyDisk(1, true);
    if (!disk) return;
    const x = await archiveWorld();
    try {
      const r = await x.a.dispatch('archiveBackups.start', { targetDir: disk.dir }, { sessionKey: 'archivist' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/无法写入（没有写入权限或为只读磁盘）/u);
    } finally {
      await x.a.close();
      disk.done();
    }
  });
});
