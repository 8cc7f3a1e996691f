import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { enterpriseCreateInput } from '../../shared/schemas/enterprise';
import { adminApp, ok, tempDir } from '../support/app';
import { csvText, downloadPath, preview, readSheet, upload, validCode, writeXlsx, type Cell } from '../support/sheets';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const HEADER = ['统一社会信用代码', '企业名称', '主体类型', '住所', '法定代表人', '联系电话', '行业', '信用等级'];
function entRow(i: number, over: Partial<Record<number, Cell>> = {}): Cell[] {
  const r: Cell[] = [validCode(i), `湘潭县第${i}号食品有限公司`, '企业', `湖南省湘潭市湘潭县易俗河镇天易大道${i}号`, '张三', '0731-57822315', '食品制造业', '绿'];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v ?? null;
  return r;
}

async function importFile(a: App, file: string, mode: 'validOnly' | 'allOrNothing', kind: 'enterprises' | 'officers' | 'items' = 'enterprises') {
  const uploadId = upload(a, file);
  const p = await preview(a, { uploadId, kind });
  if (!p.preview) throw new Error(`preview failed: ${p.job.error}`);
  const { jobId } = await ok(a, 'imports.start', { uploadId, kind, mapping: p.preview.mapping, mode, expectedRows: p.preview.total });
  const job = await a.waitForJob(jobId);
  return { preview: p.preview, job };
}

function enterpriseCount(a: App): number {
  const db = new Database(a.dbPath, { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM enterprises').get() as { n: number }).n;
  db.close();
  return n;
}

/** Everything an import could touch, to compare "exactly as before". */
function snapshot(a: App): string {
  const db = new Database(a.dbPath, { readonly: true });
  const s = JSON.stringify([
    db.prepare('SELECT * FROM enterprises ORDER BY id').all(),
    db.prepare('SELECT rowid, * FROM enterprises_grams ORDER BY rowid').all().length,
    db.prepare('SELECT COUNT(*) AS n FROM enterprises_trgm').get(),
    db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE route = 'imports.start' AND entity = 'enterprises'").get(),
  ]);
  db.close();
  return s;
}

describe('enterprise import through the routes and the worker', () => {
  it('previews a GBK CSV, reports the bad row, imports the valid ones and re-import counts new/updated/unchanged/rejected', async () => {
    app = await adminApp();
    const file = path.resolve(__dirname, '../fixtures/enterprises-gbk.csv');
    const { preview: p, job } = await importFile(app, file, 'validOnly');
    expect(p).toMatchObject({ format: 'csv', encoding: 'GBK / GB18030', total: 5, valid: 4, invalid: 1, willCreate: 4, missingRequired: [] });
    expect(p.errors[0]).toMatchObject({ row: 6, column: '统一社会信用代码（A 列）', value: '93430321MA4L00005H', reason: '第 18 位校验码应为“G”，实际为“H”（可能有字符输错）' });
    expect(p.sample[0]?.values.name).toBe('湘潭县易俗河镇"老字号"米粉店');
    expect(job.status, job.error ?? '').toBe('done');
    expect(job.result).toMatchObject({ written: true, total: 5, new: 4, updated: 0, unchanged: 0, rejected: 1 });
    // The report is an .xlsx with 行号, 列, 值, 原因.
    const report = await readSheet(downloadPath(app, String(job.result?.reportDownloadId)));
    expect(report[0]).toEqual(['行号', '列', '值', '原因']);
    expect(report[1]).toEqual(['6', '统一社会信用代码（A 列）', '93430321MA4L00005H', '第 18 位校验码应为“G”，实际为“H”（可能有字符输错）']);
    // Searchable at once, by 2-character and by initials search (the registry's own indexes).
    const found = await ok(app, 'enterprises.search', { q: '米粉' });
    expect(found.rows.map((r) => r.creditCode)).toEqual(['92430321MA4L000017']);
    const byInitials = await ok(app, 'enterprises.search', { q: 'hnxsl' });
    expect(byInitials.rows.map((r) => r.name)).toEqual(['湖南鑫盛隆食品有限公司']);
    // Every stored record passes the enterprise form's own schema.
    const rec = await ok(app, 'enterprises.get', { id: found.rows[0]?.id ?? 0 });
    expect(enterpriseCreateInput.safeParse({ ...pick(rec) }).success).toBe(true);

    // Re-import: one row changed, one new, the rest the same, one still wrong.
    const dir = tempDir();
    const again = path.join(dir, 'again.csv');
    const orig = new TextDecoder('gb18030').decode(fs.readFileSync(file));
    const edited = `${orig.replace('0731-57822315', '0731-57820000')}${csvText([[validCode(77, '92'), '湘潭县新开小吃店', '', '湘潭县', '', '', '', '']])}`;
    fs.writeFileSync(again, edited);
    const second = await importFile(app, again, 'validOnly');
    expect(second.preview).toMatchObject({ encoding: 'UTF-8', willCreate: 1, willUpdate: 1, willKeep: 3, invalid: 1 });
    expect(second.job.result).toMatchObject({ new: 1, updated: 1, unchanged: 3, rejected: 1 });
    const changed = await ok(app, 'enterprises.get', { id: found.rows[0]?.id ?? 0 });
    expect(changed.phone).toBe('0731-57820000');
    expect(changed.version).toBe(rec.version + 1);
    const kept = await ok(app, 'enterprises.search', { q: '鑫盛隆' });
    const keptRec = await ok(app, 'enterprises.get', { id: kept.rows[0]?.id ?? 0 });
    expect(keptRec.version).toBe(1);
    expect((await ok(app, 'enterprises.search', { q: '小吃' })).rows[0]?.kind).toBe('个体工商户');
  });

  it('validOnly imports the good rows; allOrNothing imports nothing when any row is bad', async () => {
    app = await adminApp();
    const dir = tempDir();
    const file = path.join(dir, 'mixed.xlsx');
    await writeXlsx(file, [HEADER, entRow(1), entRow(2, { 0: '91430321000000001X' }), entRow(3), entRow(4, { 3: '' })]);
    const none = await importFile(app, file, 'allOrNothing');
    expect(none.job.status).toBe('done');
    expect(none.job.result).toMatchObject({ written: false, total: 4, new: 0, rejected: 2 });
    expect(enterpriseCount(app)).toBe(0);
    expect(none.job.result?.reportDownloadId).toEqual(expect.any(String));
    const some = await importFile(app, file, 'validOnly');
    expect(some.job.result).toMatchObject({ written: true, new: 2, rejected: 2 });
    expect(enterpriseCount(app)).toBe(2);
    const report = await readSheet(downloadPath(app, String(some.job.result?.reportDownloadId)));
    expect(report.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['3', expect.stringMatching(/^第 \d+ 位|校验码/u) as unknown as string],
      ['5', '请填写住所'],
    ]);
  });

  it('refuses duplicate codes inside one file, formula cells without a result, and 100,000-character cells', async () => {
    app = await adminApp();
    const file = path.join(tempDir(), 'bad.xlsx');
    const long = '湘'.repeat(100_000);
    await writeXlsx(file, [
      HEADER,
      entRow(1),
      entRow(1, { 1: '重复的那一家' }),
      entRow(2, { 1: { formula: 'CONCATENATE("湘潭","公司")', result: '湘潭公司' } }),
      entRow(3, { 1: { formula: 'A1&B1' } }),
      entRow(4, { 3: long }),
      entRow(5, { 0: 914303210000000000 }),
    ]);
    const { preview: p, job } = await importFile(app, file, 'validOnly');
    const reasons = p.errors.map((e) => `${e.row}:${e.reason}`);
    expect(reasons).toEqual([
      '3:与第 2 行重复（统一社会信用代码相同），同一文件中只能出现一次',
      expect.stringMatching(/^5:公式单元格没有保存计算结果（=A1&B1）/u),
      '6:内容过长（100000 字，上限 200 字）',
      expect.stringMatching(/^7:统一社会信用代码在 Excel 中被存成了数字/u),
    ]);
    expect(p.errors.find((e) => e.row === 6)?.value.length).toBeLessThanOrEqual(201);
    expect(job.result).toMatchObject({ new: 2, rejected: 4 });
    const formula = await ok(app, 'enterprises.search', { q: '湘潭公司' });
    expect(formula.rows.map((r) => r.name)).toEqual(['湘潭公司']);
  });

  it('gives one clear report for empty files, files that are not spreadsheets, and missing required columns', async () => {
    app = await adminApp();
    const dir = tempDir();
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const png = path.join(dir, '名录.xlsx');
    fs.writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
    const blank = path.join(dir, 'blank.csv');
    fs.writeFileSync(blank, '\r\n,,\r\n');
    const headerOnly = path.join(dir, 'header.csv');
    fs.writeFileSync(headerOnly, csvText([HEADER]));
    for (const [file, message] of [
      [empty, /文件是空的/u],
      [png, /这不是电子表格文件（内容是PNG 图片）/u],
      [blank, /找不到表头/u],
    ] as const) {
      const r = await preview(app, { uploadId: upload(app, file), kind: 'enterprises' });
      expect(r.job.status).toBe('failed');
      expect(r.job.error).toMatch(message);
    }
    const onlyHeader = await preview(app, { uploadId: upload(app, headerOnly), kind: 'enterprises' });
    expect(onlyHeader.preview).toMatchObject({ total: 0, valid: 0 });
    const noAddress = path.join(dir, 'noaddress.csv');
    fs.writeFileSync(noAddress, csvText([['信用代码', '名称'], [validCode(1), '甲公司']]));
    const p = await preview(app, { uploadId: upload(app, noAddress), kind: 'enterprises' });
    expect(p.preview?.missingRequired).toEqual(['住所']);
    expect(p.preview?.sample[0]?.values).toEqual({ creditCode: validCode(1), name: '甲公司' });
    const refused = await app.dispatch('imports.start', { uploadId: upload(app, noAddress), kind: 'enterprises', mapping: p.preview?.mapping ?? {}, mode: 'validOnly' }, { sessionKey: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '以下必填字段还没有对应到文件中的列：住所' } });
    // Header only: the import itself says there is nothing to import, and writes nothing.
    const { jobId } = await ok(app, 'imports.start', { uploadId: upload(app, headerOnly), kind: 'enterprises', mapping: onlyHeader.preview?.mapping ?? {}, mode: 'validOnly' });
    const end = await app.waitForJob(jobId);
    expect(end).toMatchObject({ status: 'failed', error: '文件中只有表头，没有可导入的数据行' });
  });

  it('a cancelled import, and one failing half-way, leave the archive exactly as before', async () => {
    app = await adminApp();
    const dir = tempDir();
    const seed = path.join(dir, 'seed.csv');
    fs.writeFileSync(seed, csvText([HEADER, ...[1, 2, 3].map((i) => entRow(i) as string[])]));
    await importFile(app, seed, 'validOnly');
    const before = snapshot(app);

    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, csvText([HEADER, ...Array.from({ length: 30_000 }, (_, i) => entRow(i + 1, { 4: '李四' }) as string[])]));
    const uploadId = upload(app, big);
    const mapping = { creditCode: 0, name: 1, kind: 2, address: 3, legalRep: 4, phone: 5, industry: 6, grade: 7 };
    const { jobId } = await ok(app, 'imports.start', { uploadId, kind: 'enterprises', mapping, mode: 'validOnly', expectedRows: 30_000 });
    await new Promise<void>((resolve) => {
      const off = app?.onJobProgress((e) => {
        if (e.id === jobId && e.phase === '校验并写入' && e.done >= 1000) {
          off?.();
          resolve();
        }
      });
    });
    await ok(app, 'jobs.cancel', { id: jobId });
    const end = await app.waitForJob(jobId);
    expect(end.status).toBe('cancelled');
    expect(snapshot(app)).toBe(before);

    // A CSV whose last quote never closes fails after thousands of rows were written: all rolled back.
    const broken = path.join(dir, 'broken.csv');
    fs.writeFileSync(broken, `${csvText([HEADER, ...Array.from({ length: 5000 }, (_, i) => entRow(i + 10) as string[])])}${validCode(9999)},"never closed`);
    const r = await ok(app, 'imports.start', { uploadId: upload(app, broken), kind: 'enterprises', mapping, mode: 'validOnly' });
    const failed = await app.waitForJob(r.jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/引号（"）直到文件末尾都没有闭合/u);
    expect(snapshot(app)).toBe(before);
  });

  it('exports the filtered list and re-imports the export unchanged (round trip)', async () => {
    app = await adminApp();
    const dir = tempDir();
    const file = path.join(dir, 'ents.xlsx');
    await writeXlsx(file, [
      [...HEADER, '园区', '白名单', '白名单日期', '白名单理由', '重点监管', '重点监管日期', '重点监管理由'],
      [...entRow(1), '天易示范区', '是', '2025-01-02', '连续三年无违法记录', '否', '', ''],
      [...entRow(2, { 7: '红' }), '', '否', '', '', '是', '2025/3/4', '投诉较多'],
      [...entRow(3, { 2: '个体工商户', 0: validCode(3, '92') }), '', '', '', '', '', '', ''],
    ]);
    const first = await importFile(app, file, 'validOnly');
    expect(first.job.result).toMatchObject({ new: 3, rejected: 0 });
    const exp = await ok(app, 'exports.enterprises', { grade: '绿', sort: 'pinyin' });
    const done = await app.waitForJob(exp.jobId);
    expect(done.status, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ rows: 2 });
    const exported = downloadPath(app, String(done.result?.downloadId));
    const sheet = await readSheet(exported);
    expect(sheet[0]?.slice(0, 4)).toEqual(['统一社会信用代码', '名称', '主体类型', '住所']);
    expect(sheet.slice(1).map((r) => r[0]).sort()).toEqual([validCode(1), validCode(3, '92')].sort());
    const back = await importFile(app, exported, 'validOnly');
    expect(back.preview.missingRequired).toEqual([]);
    expect(Object.values(back.preview.mapping).every((c) => c !== null)).toBe(true);
    expect(back.job.result).toMatchObject({ total: 2, new: 0, updated: 0, unchanged: 2, rejected: 0 });
    const all = await ok(app, 'exports.enterprises', { sort: 'recent' });
    const allDone = await app.waitForJob(all.jobId);
    const full = await readSheet(downloadPath(app, String(allDone.result?.downloadId)));
    const red = full.find((r) => r[0] === validCode(2));
    expect(red?.slice(12, 15)).toEqual(['是', '2025-03-04', '投诉较多']);
  });
});

/** The fields of a stored record, as the create form would send them. */
function pick(r: Awaited<ReturnType<typeof ok<'enterprises.get'>>>) {
  const { id: _i, uuid: _u, version: _v, nameInitials: _n, createdAt: _c, updatedAt: _up, ...fields } = r;
  return fields;
}
