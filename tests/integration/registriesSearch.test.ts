import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { openDatabase } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { DEFAULT_TUNING, searchEnterprises, type SearchInput, type SearchTuning } from '../../electron/services/enterpriseSearch';
import type { Input } from '../../shared/api';
import { adminApp, ok, tempDir, testApp, ADMIN } from '../support/app';
import { code, enterprise } from '../support/registries';

interface Ent {
  id: number;
  name: string;
  address: string;
  creditCode: string;
  kind: string;
  grade: string | null;
  pinyin: string;
  initials: string;
}

let app: App;
let all: Ent[];
let db: Database.Database;

beforeAll(async () => {
  app = await adminApp();
  const { jobId } = await ok(app, 'system.loadDemo', {});
  expect((await app.waitForJob(jobId)).status).toBe('done');
  db = new Database(app.dbPath);
  all = db
    .prepare('SELECT id, name, address, credit_code AS creditCode, kind, grade, name_pinyin AS pinyin, name_initials AS initials FROM enterprises')
    .all() as Ent[];
});
afterAll(async () => {
  db.close();
  await app.close();
});

const byPinyin = (a: Ent, b: Ent) => (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : a.id - b.id);

/** Every page of a search, concatenated; fails on a repeated row. */
async function everything(input: Input<'enterprises.search'>): Promise<{ ids: number[]; pages: number; total: number | null; exact: boolean }> {
  const ids: number[] = [];
  let after: string | undefined;
  let pages = 0;
  let total: number | null = null;
  let exact = true;
  do {
    const page = await ok(app, 'enterprises.search', { ...input, ...(after ? { after } : {}) });
    if (pages === 0) {
      total = page.total;
      exact = page.totalExact;
    } else expect(page.total).toBeNull();
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor ?? undefined;
    pages++;
  } while (after && pages < 500);
  expect(new Set(ids).size).toBe(ids.length);
  return { ids, pages, total, exact };
}

/** The same search done by brute force over the whole table. */
function expected(test: (e: Ent) => boolean, sort: 'pinyin' | 'recent' = 'pinyin'): number[] {
  const hits = all.filter(test);
  hits.sort(sort === 'pinyin' ? byPinyin : (a, b) => b.id - a.id);
  return hits.map((e) => e.id);
}
const contains = (q: string) => (e: Ent) => e.name.includes(q) || e.address.includes(q);

describe('enterprise search on the demo archive', () => {
  it.each([
    ['湘', 1],
    ['花石', 2],
    ['湘潭', 2],
    ['湘潭县', 3],
    ['易俗河镇', 4],
    ['餐饮管理有限', 6],
  ])('finds every enterprise containing %s (%i characters), in pinyin order, across keyset pages', async (q) => {
    const want = expected(contains(q));
    expect(want.length).toBeGreaterThan(0);
    const got = await everything({ q, limit: 17 });
    expect(got.ids).toEqual(want);
    expect(got).toMatchObject({ total: want.length, exact: true });
  });

  it('sends 1–2 characters to the bigram index, 3+ to the trigram index, never to a LIKE scan', () => {
    const seen: string[] = [];
    const run = (q: string) => {
      seen.length = 0;
      searchEnterprises(db, input({ q }), { ...DEFAULT_TUNING, trace: (sql) => seen.push(sql) });
      return seen[0] ?? '';
    };
    expect(run('湘')).toContain('enterprises_grams MATCH');
    expect(run('花石')).toContain('enterprises_grams MATCH');
    expect(run('花石镇')).toContain('enterprises_trgm MATCH');
    expect(run('91430321')).toContain('credit_code >= ?');
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM enterprises WHERE credit_code >= '9143' AND credit_code < '9144'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING COVERING INDEX sqlite_autoindex_enterprises_\d \(credit_code>\? AND credit_code<\?\)/u);
    const grams = db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM enterprises_grams WHERE enterprises_grams MATCH '"花石"'`).all() as { detail: string }[];
    expect(grams[0]?.detail).toMatch(/VIRTUAL TABLE INDEX 0:M/u);
  });

  it('searches pinyin initials by prefix (1–2 letters) and substring (3+), in either case', async () => {
    const sample = all.find((e) => e.initials.length > 8) as Ent;
    const mid = sample.initials.slice(2, 7);
    const sub = await everything({ q: mid.toUpperCase(), limit: 50 });
    expect(sub.ids).toEqual(expected((e) => e.initials.includes(mid)));
    expect(sub.ids).toContain(sample.id);
    const prefix = await everything({ q: 'xtx', limit: 50 });
    expect(prefix.ids).toEqual(expected((e) => e.initials.includes('xtx')));
    const two = await everything({ q: 'xt', limit: 100 });
    expect(two.ids).toEqual(expected((e) => e.initials.startsWith('xt')));
  });

  it('searches credit codes by prefix on the unique index, full-width input too', async () => {
    const got = await everything({ q: '914303', limit: 40 });
    expect(got.ids).toEqual(expected((e) => e.creditCode.startsWith('914303')));
    const one = all[5] as Ent;
    const exact = await ok(app, 'enterprises.search', { q: one.creditCode.toLowerCase() });
    expect(exact.rows.map((r) => r.id)).toEqual([one.id]);
    const wide = one.creditCode.slice(0, 8).replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await everything({ q: wide, limit: 100 })).ids).toEqual(expected((e) => e.creditCode.startsWith(one.creditCode.slice(0, 8))));
  });

  it('combines text with filters and with a second term', async () => {
    const got = await everything({ q: '花石', kind: '个体工商户', limit: 5 });
    expect(got.ids).toEqual(expected((e) => contains('花石')(e) && e.kind === '个体工商户'));
    const red = await everything({ q: '湘潭', grade: '红', limit: 5 });
    expect(red.ids).toEqual(expected((e) => contains('湘潭')(e) && e.grade === '红'));
    const two = await everything({ q: '花石 饭店', limit: 5 });
    expect(two.ids).toEqual(expected((e) => contains('花石')(e) && contains('饭店')(e)));
    const flagged = await everything({ whitelist: true, limit: 3 });
    const wl = new Set((db.prepare('SELECT id FROM enterprises WHERE whitelist = 1').all() as { id: number }[]).map((r) => r.id));
    expect(flagged.ids).toEqual(expected((e) => wl.has(e.id)));
    expect((await ok(app, 'enterprises.search', { q: '不存在的名字' })).rows).toEqual([]);
  });

  it('pages by newest first as well', async () => {
    expect((await everything({ sort: 'recent', limit: 50 })).ids).toEqual(expected(() => true, 'recent'));
    expect((await everything({ q: '花石', sort: 'recent', limit: 9 })).ids).toEqual(expected(contains('花石'), 'recent'));
    expect((await everything({ q: '9143', sort: 'recent', limit: 9 })).ids).toEqual(expected((e) => e.creditCode.startsWith('9143'), 'recent'));
  });

  it('gives the same pages whichever plan runs, even when the budget cuts pages short', () => {
    const tight: SearchTuning = { countCap: 10_000, budget: 13, threshold: 0 };
    const loose: SearchTuning = { countCap: 10_000, budget: 1_000_000, threshold: 1_000_000 };
    const cases: [Partial<SearchInput>, (e: Ent) => boolean][] = [
      [{ q: '湘潭', kind: '农民专业合作社' }, (e) => contains('湘潭')(e) && e.kind === '农民专业合作社'],
      [{ q: '花石 饭店' }, (e) => contains('花石')(e) && contains('饭店')(e)],
      [{ grade: '红', kind: '个体工商户' }, (e) => e.grade === '红' && e.kind === '个体工商户'],
      [{ q: 'xtx', sort: 'recent' }, (e) => e.initials.includes('xtx')],
      [{ q: '花石镇', sort: 'recent', kind: '企业' }, (e) => contains('花石镇')(e) && e.kind === '企业'],
      [{ sort: 'recent', grade: '黄' }, (e) => e.grade === '黄'],
    ];
    for (const [query, test] of cases) {
      const a = pagesVia(input({ ...query, limit: 7 }), tight);
      const b = pagesVia(input({ ...query, limit: 7 }), loose);
      const want = expected(test, query.sort ?? 'pinyin');
      expect(a.ids, JSON.stringify(query)).toEqual(want);
      expect(b.ids, JSON.stringify(query)).toEqual(want);
      expect(a.short, JSON.stringify(query)).toBeGreaterThan(0);
      expect(b.short).toBe(0);
    }
  });

  it('caps the count and says the total is a lower bound', () => {
    const r = searchEnterprises(db, input({ q: '湘' }), { ...DEFAULT_TUNING, countCap: 50 });
    expect(r).toMatchObject({ total: 50, totalExact: false });
    const f = searchEnterprises(db, input({ q: '湘潭', kind: '企业' }), { ...DEFAULT_TUNING, countCap: 50 });
    expect(f).toMatchObject({ total: 50, totalExact: false });
  });

  it('refuses a cursor of the other order', async () => {
    const page = await ok(app, 'enterprises.search', { limit: 2 });
    const r = await app.dispatch('enterprises.search', { sort: 'recent', after: page.nextCursor }, { sessionKey: 'test' });
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('翻页位置无效') });
  });
});

function input(i: Partial<SearchInput>): SearchInput {
  return { sort: 'pinyin', limit: 50, ...i } as SearchInput;
}
function pagesVia(first: SearchInput, tuning: SearchTuning): { ids: number[]; short: number } {
  const ids: number[] = [];
  let short = 0;
  let after: string | undefined;
  for (let i = 0; i < 2000; i++) {
    const r = searchEnterprises(db, { ...first, ...(after ? { after } : {}) }, tuning);
    ids.push(...r.rows.map((x) => x.id));
    if (r.nextCursor && r.rows.length < first.limit) short++;
    if (!r.nextCursor) break;
    after = r.nextCursor;
  }
  expect(new Set(ids).size).toBe(ids.length);
  return { ids, short };
}

describe('pinyin order and legacy archives', () => {
  it('orders names by pinyin, not by code point: 阿 < 北 < 长 < 张', async () => {
    const a = await adminApp();
    try {
      const names = ['张家界旅游有限公司', '长沙银行股份有限公司', '北京同仁堂湘潭药店有限公司', '阿里巴巴湘潭分公司', '西安饭庄', '先锋建材'];
      for (const [i, n] of names.entries()) await ok(a, 'enterprises.create', enterprise(100 + i, n));
      const page = await ok(a, 'enterprises.search', { limit: 10 });
      expect(page.rows.map((r) => r.name)).toEqual(['阿里巴巴湘潭分公司', '北京同仁堂湘潭药店有限公司', '长沙银行股份有限公司', '西安饭庄', '先锋建材', '张家界旅游有限公司']);
      expect((await ok(a, 'enterprises.search', { q: 'csyh' })).rows.map((r) => r.name)).toEqual(['长沙银行股份有限公司']);
    } finally {
      await a.close();
    }
  });

  it('keeps ranks in pinyin order when names pile up in one gap, and re-spaces them', async () => {
    const a = await adminApp();
    try {
      await ok(a, 'enterprises.create', enterprise(1, '阿里巴巴湘潭分公司'));
      await ok(a, 'enterprises.create', enterprise(2, '北京同仁堂湘潭药店有限公司'));
      // 40 more of the same name each land between the last of them and 北京…: the gap of 1024
      // between two ranks is exhausted after ten, so the neighbourhood is re-spaced several times.
      for (let i = 0; i < 40; i++) await ok(a, 'enterprises.create', enterprise(10 + i, '阿里巴巴湘潭分公司'));
      const renamed = await ok(a, 'enterprises.get', { id: 5 });
      await ok(a, 'enterprises.update', { ...enterprise(12, '张家界旅游有限公司'), id: renamed.id, version: renamed.version });
      const raw = new Database(a.dbPath, { readonly: true });
      const byRank = raw.prepare('SELECT id FROM enterprises ORDER BY name_rank').pluck().all();
      const byKey = raw.prepare('SELECT id FROM enterprises ORDER BY name_pinyin, id').pluck().all();
      expect(byRank).toEqual(byKey);
      for (const t of ['enterprises_trgm', 'enterprises_grams']) {
        expect(raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(42);
      }
      expect(raw.prepare('SELECT count(*) FROM enterprises WHERE name_rank IS NULL').pluck().get()).toBe(0);
      raw.close();
      const pages = await ok(a, 'enterprises.search', { q: '阿里巴巴', limit: 100 });
      expect(pages.rows).toHaveLength(40);
      expect(pages.rows.map((r) => r.id)).toEqual([...pages.rows.map((r) => r.id)].sort((x, y) => x - y));
      expect((await ok(a, 'enterprises.search', { q: '张家界' })).rows.map((r) => r.id)).toEqual([renamed.id]);
    } finally {
      await a.close();
    }
  });

  it('fills the search data of an archive created before migration 003 when it is opened', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'inspectdesk.db');
    const v2 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) }).db;
    const ins = v2.prepare("INSERT INTO enterprises (uuid, credit_code, name, kind, address, created_at, updated_at) VALUES (?, ?, ?, '企业', ?, 't', 't')");
    ins.run('u1', code(1), '湘潭韶峰食品有限公司', '湘潭县易俗河镇');
    ins.run('u2', code(2), '长沙花石机械有限公司', '湘潭县花石镇');
    v2.close();
    const a = testApp(dir);
    try {
      await ok(a, 'auth.setup', ADMIN);
      expect((await ok(a, 'enterprises.search', { q: '花石' })).rows.map((r) => r.name)).toEqual(['长沙花石机械有限公司']);
      expect((await ok(a, 'enterprises.search', { q: 'sfsp' })).rows.map((r) => r.name)).toEqual(['湘潭韶峰食品有限公司']);
      expect((await ok(a, 'enterprises.search', {})).rows.map((r) => r.name)).toEqual(['长沙花石机械有限公司', '湘潭韶峰食品有限公司']);
    } finally {
      await a.close();
    }
  });
});
