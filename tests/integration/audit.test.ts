import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { adminApp, ok } from '../support/app';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** Simulates someone editing the database file directly, bypassing the app's triggers. */
function tamper(dbPath: string, sql: string): void {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('the audit log hash chain', () => {
  async function withHistory(): Promise<App> {
    const a = await adminApp();
    for (const name of ['clerk1', 'clerk2', 'clerk3']) {
      await ok(a, 'users.create', { username: name, displayName: '测试', role: 'clerk', password: 'password-123' });
    }
    return a;
  }

  it('verifies an untouched log', async () => {
    app = await withHistory();
    const v = await ok(app, 'audit.verify', {});
    expect(v).toMatchObject({ ok: true, checked: 4, firstBrokenId: null });
  });

  it('refuses updates and deletes through SQL while the triggers stand', async () => {
    app = await withHistory();
    const raw = new Database(app.dbPath);
    expect(() => raw.exec("UPDATE audit_log SET summary = 'x' WHERE id = 2")).toThrow(/append-only/u);
    expect(() => raw.exec('DELETE FROM audit_log WHERE id = 2')).toThrow(/append-only/u);
    raw.close();
  });

  it('detects an edited row', async () => {
    app = await withHistory();
    tamper(app.dbPath, "UPDATE audit_log SET summary = '无事发生' WHERE id = 3");
    const v = await ok(app, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 });
    expect(v.message).toMatch(/第 3 条记录的内容与其哈希不符/u);
  });

  it('detects a deleted row', async () => {
    app = await withHistory();
    tamper(app.dbPath, 'DELETE FROM audit_log WHERE id = 2');
    const v = await ok(app, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, firstBrokenId: 2 });
  });

  it('detects a row rewritten with a recomputed hash (the next link breaks)', async () => {
    app = await withHistory();
    const { rowHash } = await import('../../electron/services/audit');
    const raw = new Database(app.dbPath);
    raw.exec('DROP TRIGGER audit_log_no_update;');
    const row = raw.prepare('SELECT * FROM audit_log WHERE id = 2').get() as Parameters<typeof rowHash>[0] & { hash: string };
    const forged = { ...row, summary: '伪造的摘要' };
    raw.prepare('UPDATE audit_log SET summary = ?, hash = ? WHERE id = 2').run(forged.summary, rowHash(forged));
    raw.close();
    const v = await ok(app, 'audit.verify', {});
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});
