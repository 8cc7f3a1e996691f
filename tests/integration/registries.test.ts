import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { adminApp, ok } from '../support/app';
import { code, enterprise, ITEM, loginAs, ownAgency } from '../support/registries';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function fail(a: App, route: string, input: unknown, session = 'test') {
  const r = await a.dispatch(route, input, { sessionKey: session });
  if (r.ok) throw new Error(`${route} should have failed`);
  return r.error;
}

describe('agencies', () => {
  it('creates and edits with a checked credit code, unique names and optimistic concurrency', async () => {
    app = await adminApp();
    const bad = await fail(app, 'agencies.create', { name: '湘潭县应急管理局', shortName: '应急', level: '县', creditCode: '11430321MB1234567X' });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', field: 'creditCode' });
    expect(bad.message).toMatch(/^「统一社会信用代码」第 \d+ 位/u);
    const level = await fail(app, 'agencies.create', { name: 'x局', shortName: 'x', level: '区' });
    expect(level.message).toContain('「层级」');
    const a = await ok(app, 'agencies.create', { name: '湘潭县应急管理局', shortName: '湘县应急', level: '县', phone: '0731-57850110', head: '' });
    expect(a).toMatchObject({ version: 1, head: null, isOwn: false, officerCount: 0 });
    const dup = await fail(app, 'agencies.create', { name: '湘潭县应急管理局', shortName: '重复', level: '县' });
    expect(dup).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const fields = { id: a.id, name: a.name, shortName: a.shortName, level: a.level, phone: a.phone };
    const b = await ok(app, 'agencies.update', { ...fields, version: 1, head: '谭志勇', complaintChannel: '12345' });
    expect(b).toMatchObject({ version: 2, head: '谭志勇' });
    const stale = await fail(app, 'agencies.update', { ...fields, version: 1, head: '别人' });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/已被他人修改/u);
  });
});

describe('officers', () => {
  it('requires a certificate for officers, none for auxiliary staff, and a sane validity range', async () => {
    app = await adminApp();
    const agencyId = await ownAgency(app);
    const base = { agencyId, name: '刘洋', post: '科员', phone: '13812345678' };
    const noCert = await fail(app, 'officers.create', base);
    expect(noCert).toMatchObject({ code: 'INVALID_INPUT', field: 'certNo' });
    const reversed = await fail(app, 'officers.create', { ...base, certNo: '43030021000', certValidFrom: '2026-05-01', certValidTo: '2021-05-01' });
    expect(reversed.field).toBe('certValidTo');
    expect(reversed.message).toContain('截止日期不能早于起始日期');
    const badDate = await fail(app, 'officers.create', { ...base, certNo: '43030021000', certValidFrom: '2025-02-30', certValidTo: '2030-01-01' });
    expect(badDate.message).toContain('「证件有效期起」');

    const today = new Date();
    const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const valid = await ok(app, 'officers.create', { ...base, certNo: '43030021000', certValidFrom: iso(-100), certValidTo: iso(900) });
    expect(valid).toMatchObject({ certStatus: 'valid', canInspect: true, auxiliaryType: null });
    const soon = await ok(app, 'officers.create', { ...base, name: '陈静', certNo: '43030021001', certValidFrom: iso(-1000), certValidTo: iso(10) });
    expect(soon).toMatchObject({ certStatus: 'expiring', canInspect: true });
    const gone = await ok(app, 'officers.create', { ...base, name: '王强', certNo: '43030021002', certValidFrom: iso(-1000), certValidTo: iso(-1) });
    expect(gone).toMatchObject({ certStatus: 'expired', canInspect: false });
    const grid = await ok(app, 'officers.create', { ...base, name: '李四', auxiliaryType: '网格员' });
    expect(grid).toMatchObject({ auxiliaryType: '网格员', certStatus: 'none', canInspect: false, certNo: null });

    const dupCert = await fail(app, 'officers.create', { ...base, name: '赵六', certNo: '43030021000', certValidFrom: iso(0), certValidTo: iso(10) });
    expect(dupCert).toMatchObject({ code: 'CONFLICT', field: 'certNo' });
    expect(dupCert.message).toContain('刘洋');

    const off = await ok(app, 'officers.setStatus', { id: valid.id, status: 'disabled' });
    expect(off).toMatchObject({ status: 'disabled', canInspect: false });
    expect((await ok(app, 'officers.list', { includeDisabled: false })).map((o) => o.name)).not.toContain('刘洋');
    const edited = await ok(app, 'officers.update', { ...base, id: grid.id, version: grid.version, name: '李四', auxiliaryType: '临时工' });
    expect(edited).toMatchObject({ auxiliaryType: '临时工', version: 2 });
    const list = await ok(app, 'officers.list', { agencyId });
    expect(list).toHaveLength(4);
  });
});

describe('enterprises', () => {
  it('validates the credit code naming the wrong character', async () => {
    app = await adminApp();
    const good = code(1);
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const e = await fail(app, 'enterprises.create', enterprise(1, '湘潭韶峰食品有限公司', { creditCode: wrong }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'creditCode' });
    expect(e.message).toMatch(/第 18 位校验码应为“.”，实际为“.”/u);
    const letter = await fail(app, 'enterprises.create', enterprise(1, '湘潭韶峰食品有限公司', { creditCode: `${good.slice(0, 5)}O${good.slice(6)}` }));
    expect(letter.message).toContain('第 6 位字符“O”');
    const fullWidth = await ok(app, 'enterprises.create', enterprise(1, '湘潭韶峰食品有限公司', { creditCode: good.replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }));
    expect(fullWidth.creditCode).toBe(good);
  });

  it('refuses a duplicate code naming the existing enterprise, which findByCode returns', async () => {
    app = await adminApp();
    const first = await ok(app, 'enterprises.create', enterprise(7, '湘潭昭山建材有限公司'));
    expect(await ok(app, 'enterprises.findByCode', { creditCode: first.creditCode.toLowerCase() })).toEqual({ id: first.id, name: '湘潭昭山建材有限公司', creditCode: first.creditCode });
    expect(await ok(app, 'enterprises.findByCode', { creditCode: code(8) })).toBeNull();
    const dup = await fail(app, 'enterprises.create', enterprise(7, '另一个名字有限公司'));
    expect(dup).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    expect(dup.message).toContain('湘潭昭山建材有限公司');
    expect(dup.message).toContain(`编号 ${first.id}`);
    const other = await ok(app, 'enterprises.create', enterprise(8, '湘潭盘龙物流有限公司'));
    const clash = await fail(app, 'enterprises.update', { ...enterprise(7, '湘潭盘龙物流有限公司'), id: other.id, version: other.version });
    expect(clash.code).toBe('CONFLICT');
  });

  it('saves edits with optimistic concurrency, flags with date and reason, and re-indexes a renamed enterprise', async () => {
    app = await adminApp();
    const e = await ok(app, 'enterprises.create', enterprise(3, '湘潭金霞商贸有限公司', { grade: '绿' }));
    const noReason = await fail(app, 'enterprises.update', { ...enterprise(3, e.name), id: e.id, version: 1, whitelist: true, whitelistDate: '2026-01-05' });
    expect(noReason).toMatchObject({ code: 'INVALID_INPUT', field: 'whitelistReason' });
    const both = await fail(app, 'enterprises.update', {
      ...enterprise(3, e.name),
      id: e.id,
      version: 1,
      whitelist: true,
      whitelistDate: '2026-01-05',
      whitelistReason: '信用良好',
      keySupervision: true,
      keySupervisionDate: '2026-01-05',
      keySupervisionReason: '投诉多',
    });
    expect(both.message).toContain('不能同时');
    const v2 = await ok(app, 'enterprises.update', {
      ...enterprise(3, '湘潭云湖商贸有限公司'),
      id: e.id,
      version: 1,
      grade: '蓝',
      whitelist: true,
      whitelistDate: '2026-01-05',
      whitelistReason: '信用良好',
    });
    expect(v2).toMatchObject({ version: 2, grade: '蓝', whitelist: true, whitelistReason: '信用良好', nameInitials: 'xtyhsmyxgs' });
    const stale = await fail(app, 'enterprises.update', { ...enterprise(3, '湘潭某某有限公司'), id: e.id, version: 1 });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('第 1 版');
    expect((await ok(app, 'enterprises.get', { id: e.id })).name).toBe('湘潭云湖商贸有限公司');
    // The search indexes follow the rename in the same transaction.
    expect((await ok(app, 'enterprises.search', { q: '云湖' })).rows.map((r) => r.id)).toEqual([e.id]);
    expect((await ok(app, 'enterprises.search', { q: '金霞' })).rows).toHaveLength(0);
    expect((await ok(app, 'enterprises.search', { q: '云湖商贸' })).rows).toHaveLength(1);
    const audit = await ok(app, 'audit.list', { limit: 5 });
    expect(audit.rows[0]).toMatchObject({ route: 'enterprises.update', entity: 'enterprise', summary: expect.stringContaining('列入白名单') });
    const missing = await fail(app, 'enterprises.get', { id: 999 });
    expect(missing.code).toBe('NOT_FOUND');
  });
});

describe('roles', () => {
  it('lets anyone read, clerks and heads write registries, only heads and admins publish items', async () => {
    app = await adminApp();
    const agencyId = await ownAgency(app);
    const officer = await loginAs(app, 'officer');
    const clerk = await loginAs(app, 'clerk');
    const head = await loginAs(app, 'head');
    await ok(app, 'agencies.list', {}, officer);
    await ok(app, 'enterprises.search', {}, officer);
    await ok(app, 'items.list', {}, officer);
    expect((await fail(app, 'enterprises.create', enterprise(1, '湘潭甲有限公司'), officer)).code).toBe('FORBIDDEN');
    expect((await fail(app, 'officers.create', { agencyId, name: '甲', auxiliaryType: '辅助人员' }, officer)).code).toBe('FORBIDDEN');
    await ok(app, 'enterprises.create', enterprise(1, '湘潭甲有限公司'), clerk);
    await ok(app, 'enterprises.create', enterprise(2, '湘潭乙有限公司'), head);
    const item = await ok(app, 'items.create', { agencyId, ...ITEM }, clerk);
    expect((await fail(app, 'items.publish', { id: item.id, version: item.version }, clerk)).code).toBe('FORBIDDEN');
    const published = await ok(app, 'items.publish', { id: item.id, version: item.version }, head);
    expect(published.versions[0]?.publishedBy).toBe('测试head');
    expect((await fail(app, 'items.retire', { id: item.id, version: published.version }, clerk)).code).toBe('FORBIDDEN');
    await ok(app, 'items.retire', { id: item.id, version: published.version, reason: '职能调整' });
  });
});

describe('inspection item list', () => {
  it('edits drafts in place, versions published items, keeps old versions readable, retires', async () => {
    app = await adminApp();
    const agencyId = await ownAgency(app);
    const draft = await ok(app, 'items.create', { agencyId, ...ITEM });
    expect(draft).toMatchObject({ code: '001', status: 'draft', currentVersion: 1, pendingVersion: null, publishedAt: null });
    const second = await ok(app, 'items.create', { agencyId, ...ITEM, name: '特种设备安全检查' });
    expect(second.code).toBe('002');
    const taken = await fail(app, 'items.create', { agencyId, ...ITEM, code: '001' });
    expect(taken).toMatchObject({ code: 'CONFLICT', field: 'code' });
    const empty = await fail(app, 'items.create', { agencyId, ...ITEM, basis: '  ' });
    expect(empty.message).toBe('「实施依据」请填写实施依据');

    const edited = await ok(app, 'items.update', { id: draft.id, version: draft.version, ...ITEM, frequency: '每年 1 次' });
    expect(edited.versions).toHaveLength(1);
    expect(edited).toMatchObject({ frequency: '每年 1 次', status: 'draft' });
    expect((await fail(app, 'items.retire', { id: draft.id, version: edited.version })).message).toContain('尚未发布');

    const v1 = await ok(app, 'items.publish', { id: draft.id, version: edited.version });
    expect(v1).toMatchObject({ status: 'published', currentVersion: 1, pendingVersion: null });
    expect(v1.versions[0]?.publishedAt).not.toBeNull();
    expect((await fail(app, 'items.publish', { id: draft.id, version: v1.version })).message).toContain('没有待发布');

    // Editing a published item prepares version 2; version 1 stays in force until it is published.
    const basis2 = `${ITEM.basis}；《食品生产经营监督检查管理办法》`;
    const pending = await ok(app, 'items.update', { id: draft.id, version: v1.version, ...ITEM, frequency: '每年 1 次', basis: basis2 });
    expect(pending).toMatchObject({ status: 'published', currentVersion: 1, pendingVersion: 2, basis: ITEM.basis });
    const again = await ok(app, 'items.update', { id: draft.id, version: pending.version, ...ITEM, frequency: '每年 1 次', basis: basis2, remark: '第 2 版' });
    expect(again.versions.map((v) => v.version)).toEqual([2, 1]);
    const stale = await fail(app, 'items.update', { id: draft.id, version: pending.version, ...ITEM });
    expect(stale.code).toBe('CONFLICT');
    const v2 = await ok(app, 'items.publish', { id: draft.id, version: again.version });
    expect(v2).toMatchObject({ currentVersion: 2, pendingVersion: null, basis: basis2, remark: '第 2 版' });
    const old = v2.versions.find((v) => v.version === 1);
    expect(old).toMatchObject({ basis: ITEM.basis, frequency: '每年 1 次', publishedAt: expect.any(String) });

    const listed = await ok(app, 'items.list', { agencyId, status: 'published' });
    expect(listed.map((i) => i.id)).toEqual([draft.id]);
    const retired = await ok(app, 'items.retire', { id: draft.id, version: v2.version, reason: '法律修订' });
    expect(retired).toMatchObject({ status: 'retired', retireReason: '法律修订', retiredAt: expect.any(String) });
    expect((await fail(app, 'items.update', { id: draft.id, version: retired.version, ...ITEM })).message).toContain('已废止');
    expect((await ok(app, 'items.get', { id: draft.id })).versions).toHaveLength(2);
  });

  it('a published version cannot be changed even by SQL', async () => {
    app = await adminApp();
    const agencyId = await ownAgency(app);
    const item = await ok(app, 'items.create', { agencyId, ...ITEM });
    await ok(app, 'items.publish', { id: item.id, version: item.version });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(app.dbPath);
    expect(() => db.prepare("UPDATE item_versions SET basis = 'x' WHERE item_id = ?").run(item.id)).toThrow(/read-only/u);
    expect(() => db.prepare('DELETE FROM item_versions WHERE item_id = ?').run(item.id)).toThrow(/cannot be deleted/u);
    db.close();
  });
});
