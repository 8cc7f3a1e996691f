import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { api } from '../../shared/api';
import { ADMIN, adminApp, ok, testApp } from '../support/app';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function auditCount(a: App): Promise<number> {
  return (await ok(a, 'audit.list', { limit: 1 })).total;
}

describe('the binding layer', () => {
  it('answers an unknown route with an error envelope', async () => {
    app = testApp();
    const r = await app.dispatch('no.such.route', {}, { sessionKey: 's' });
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_ROUTE', message: expect.stringContaining('no.such.route') } });
  });

  it('requires login for non-public routes and names the problem in Chinese', async () => {
    app = testApp();
    const r = await app.dispatch('users.list', {}, { sessionKey: 's' });
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('rejects invalid input naming the field in Chinese, and writes nothing', async () => {
    app = await adminApp();
    const before = await auditCount(app);
    const r = await app.dispatch('users.create', { username: 'x', displayName: '张三', role: 'clerk', password: 'longenough' }, { sessionKey: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.field).toBe('username');
      expect(r.error.message).toContain('「用户名」');
      expect(r.error.message).toContain('至少 2 个字符');
    }
    const wrongType = await app.dispatch('users.setDisabled', { id: 'abc', disabled: true }, { sessionKey: 'test' });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/「编号」类型不正确/u);
    const extra = await app.dispatch('users.list', { evil: 1 }, { sessionKey: 'test' });
    expect(!extra.ok && extra.error.message).toMatch(/不认识的字段：evil/u);
    const notObject = await app.dispatch('users.create', 'hello', { sessionKey: 'test' });
    expect(!notObject.ok && notObject.error.code).toBe('INVALID_INPUT');
    expect(await auditCount(app)).toBe(before);
    expect((await ok(app, 'users.list', {})).length).toBe(1);
  });

  it('enforces roles from the contract, not the UI', async () => {
    app = await adminApp();
    await ok(app, 'users.create', { username: 'clerk1', displayName: '李四', role: 'clerk', password: 'clerk-pass-1' });
    await ok(app, 'auth.login', { username: 'clerk1', password: 'clerk-pass-1' }, 'clerk-session');
    const r = await app.dispatch('users.create', { username: 'sneaky', displayName: '王五', role: 'admin', password: 'sneaky-pass' }, { sessionKey: 'clerk-session' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('当前角色无权') });
    const audit = await app.dispatch('audit.verify', {}, { sessionKey: 'clerk-session' });
    expect(!audit.ok && audit.error.code).toBe('FORBIDDEN');
    expect((await ok(app, 'users.list', {})).map((u) => u.username)).toEqual(['admin', 'clerk1']);
  });

  it('every route declares who may call it and every mutating route is audited', async () => {
    for (const [name, def] of Object.entries(api)) {
      expect(def.title, name).toMatch(/[\u4e00-\u9fff]/u);
      expect(def.access === 'public' || def.access === 'user' || def.access.length > 0, name).toBe(true);
    }
    app = await adminApp();
    const before = await auditCount(app);
    await ok(app, 'users.create', { username: 'head1', displayName: '赵六', role: 'head', password: 'head-pass-12' });
    const after = await ok(app, 'audit.list', { limit: 5 });
    expect(after.total).toBe(before + 1);
    expect(after.rows[0]).toMatchObject({ username: 'admin', route: 'users.create', entity: 'user', summary: expect.stringContaining('head1') });
  });

  it('first run: setup works once, then only login', async () => {
    app = testApp();
    expect(await ok(app, 'auth.status', {}, 'a')).toMatchObject({ needsSetup: true, user: null });
    await ok(app, 'auth.setup', ADMIN, 'a');
    expect(await ok(app, 'auth.status', {}, 'a')).toMatchObject({ needsSetup: false, user: { username: 'admin', role: 'admin' } });
    const again = await app.dispatch('auth.setup', { ...ADMIN, username: 'second' }, { sessionKey: 'b' });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    expect((await ok(app, 'auth.status', {}, 'b')).user).toBeNull();
  });

  it('locks an account after five wrong passwords, and the admin can unlock it', async () => {
    let clock = new Date('2026-03-02T08:00:00Z');
    const { createApp } = await import('../../electron/app');
    const { tempDir, WORKER_JS } = await import('../support/app');
    app = createApp({ dataDir: tempDir(), mode: 'browser', appVersion: 't', workerFile: WORKER_JS, now: () => clock });
    await ok(app, 'auth.setup', ADMIN);
    await ok(app, 'users.create', { username: 'officer1', displayName: '钱七', role: 'officer', password: 'right-pass-1' });
    for (let i = 1; i <= 4; i++) {
      const r = await app.dispatch('auth.login', { username: 'officer1', password: 'wrong' }, { sessionKey: 'o' });
      expect(!r.ok && r.error.message).toMatch(new RegExp(`再错 ${5 - i} 次`, 'u'));
    }
    const locked = await app.dispatch('auth.login', { username: 'officer1', password: 'wrong' }, { sessionKey: 'o' });
    expect(!locked.ok && locked.error.code).toBe('LOCKED');
    const stillLocked = await app.dispatch('auth.login', { username: 'officer1', password: 'right-pass-1' }, { sessionKey: 'o' });
    expect(!stillLocked.ok && stillLocked.error.code).toBe('LOCKED');
    clock = new Date(clock.getTime() + 6 * 60_000);
    await ok(app, 'auth.login', { username: 'officer1', password: 'right-pass-1' }, 'o');
    // The failed attempts were recorded even though each call failed.
    const audit = await ok(app, 'audit.list', { limit: 20 });
    expect(audit.rows.filter((r) => r.summary.includes('登录失败')).length).toBe(5);
  });

  it('a disabled user cannot log in and loses their session', async () => {
    app = await adminApp();
    const u = await ok(app, 'users.create', { username: 'arch1', displayName: '孙八', role: 'archivist', password: 'arch-pass-12' });
    await ok(app, 'auth.login', { username: 'arch1', password: 'arch-pass-12' }, 'x');
    await ok(app, 'users.setDisabled', { id: u.id, disabled: true });
    expect((await ok(app, 'auth.status', {}, 'x')).user).toBeNull();
    const r = await app.dispatch('auth.login', { username: 'arch1', password: 'arch-pass-12' }, { sessionKey: 'x' });
    expect(!r.ok && r.error.message).toMatch(/已停用/u);
    const self = await app.dispatch('users.setDisabled', { id: 1, disabled: true }, { sessionKey: 'test' });
    expect(!self.ok && self.error.message).toMatch(/不能停用自己/u);
  });

  it('a wrong password and an unknown user give the same message', async () => {
    app = await adminApp();
    const a = await app.dispatch('auth.login', { username: 'nobody', password: 'whatever' }, { sessionKey: 'z' });
    const b = await app.dispatch('auth.login', { username: 'admin', password: 'whatever' }, { sessionKey: 'z' });
    expect(!a.ok && a.error.message).toBe('用户名或密码错误');
    expect(!b.ok && b.error.message).toMatch(/^用户名或密码错误/u);
  });

  it('reset password unlocks and replaces the password', async () => {
    app = await adminApp();
    const u = await ok(app, 'users.create', { username: 'c2', displayName: '周九', role: 'clerk', password: 'first-pass-1' });
    await ok(app, 'users.resetPassword', { id: u.id, password: 'second-pass-2' });
    const old = await app.dispatch('auth.login', { username: 'c2', password: 'first-pass-1' }, { sessionKey: 'c' });
    expect(old.ok).toBe(false);
    await ok(app, 'auth.login', { username: 'c2', password: 'second-pass-2' }, 'c');
  });
});

describe('sessions follow user changes', () => {
  it('a renamed user sees the new name; a role change ends their session', async () => {
    const a = await adminApp();
    try {
      await ok(a, 'users.update', { id: 1, displayName: '新名字', role: 'admin' });
      expect((await ok(a, 'auth.status', {})).user?.displayName).toBe('新名字');
      const u = await ok(a, 'users.create', { username: 'h1', displayName: '甲', role: 'head', password: 'head-pass-12' });
      await ok(a, 'auth.login', { username: 'h1', password: 'head-pass-12' }, 'h');
      await ok(a, 'users.update', { id: u.id, displayName: '甲', role: 'clerk' });
      expect((await ok(a, 'auth.status', {}, 'h')).user).toBeNull();
    } finally {
      await a.close();
    }
  });
});
