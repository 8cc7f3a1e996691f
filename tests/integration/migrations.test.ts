import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations';
import { tempDir } from '../support/app';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('database migrations', () => {
  it('creates a fresh database at the latest version with WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'a.db');
    const { db, schemaVersion, preMigrationBackup } = openDatabase(file);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(preMigrationBackup).toBeNull();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'audit_log', 'settings', 'agencies', 'officers', 'enterprises']));
    db.close();
  });

  it('upgrades an older database after backing it up, keeping its rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    expect(v1.schemaVersion).toBe(1);
    v1.db
      .prepare("INSERT INTO users (uuid, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1','old','旧用户','admin','x','t','t')")
      .run();
    v1.db.close();

    const { db, schemaVersion, preMigrationBackup } = openDatabase(file);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(preMigrationBackup).not.toBeNull();
    expect(fs.existsSync(preMigrationBackup!)).toBe(true);
    expect(path.dirname(preMigrationBackup!)).toBe(path.join(dir, 'backups'));
    expect((db.prepare('SELECT display_name FROM users').get() as { display_name: string }).display_name).toBe('旧用户');
    db.close();
    const backup = new Database(preMigrationBackup!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect((backup.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    backup.close();
  });

  it('rolls a failing migration back completely, leaving the old version', () => {
    const file = path.join(tempDir(), 'a.db');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/数据库升级失败，已回滚/u);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name='half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer version without touching it', () => {
    const file = path.join(tempDir(), 'a.db');
    openDatabase(file).db.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(/更新版本的 InspectDesk/u);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a corrupt file with a clear message and leaves it as it was', () => {
    const file = path.join(tempDir(), 'a.db');
    fs.writeFileSync(file, Buffer.from('这不是一个数据库文件'.repeat(200)));
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(/已损坏或不是/u);
    expect(sha(file)).toBe(before);
  });

  it('every migration is numbered consecutively from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
