import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/app';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { tempDir, testApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** Runs browser mode from the TypeScript sources and returns what it printed. */
function serve(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/serve.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, INSPECTDESK_DATA_DIR: '' },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('start-up failures give one clear message and change nothing', () => {
  it('a second app on the same data directory is refused while the first runs', async () => {
    const dir = tempDir();
    const first = testApp(dir);
    try {
      expect(() => testApp(dir)).toThrow(/该数据目录正被另一个 InspectDesk 程序使用/u);
    } finally {
      await first.close();
    }
    // Once the first has closed, the directory is free again.
    const again = testApp(dir);
    await again.close();
  });

  it('a stale lock left by a crashed process is taken over', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'inspectdesk.lock'), '999999');
    const app = testApp(dir);
    await app.close();
  });

  it('a data directory that cannot be created is reported', () => {
    const file = path.join(tempDir(), 'plain-file');
    fs.writeFileSync(file, 'x');
    expect(() => testApp(path.join(file, 'archive'))).toThrow(/数据目录不存在或无法写入/u);
  });

  it('browser mode prints one line for a newer database and exits without touching it', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DB_FILE));
    db.exec('CREATE TABLE t (x INTEGER)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(path.join(dir, DB_FILE));
    const r = serve(['--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/^InspectDesk 无法启动：该数据库由更新版本的 InspectDesk 创建/u);
    expect(sha(path.join(dir, DB_FILE))).toBe(before);
  });

  it('browser mode prints one line for a corrupt database', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE), 'garbage'.repeat(1000));
    const before = sha(path.join(dir, DB_FILE));
    const r = serve(['--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/数据库文件已损坏或不是 InspectDesk 数据库/u);
    expect(r.out).not.toMatch(/\n\s+at /u);
    expect(sha(path.join(dir, DB_FILE))).toBe(before);
  });
});
