import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app';
import { ok, tempDir, WORKER_JS, ADMIN } from '../support/app';
import { draft, seedWorld, staff, type World } from '../support/inspections';
import { openDocx, textOf } from '../unit/documents/support/docx';

/**
 * Documents of an inspection through the routes (issue 5): exactly what is missing, numbering
 * (never shared or skipped, even with 50 calls at once), versions kept when superseded, the QR
 * code of a stored notice, the ledger in Word and Excel, settings.
 */

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function setup(): Promise<{ a: App; w: World; clock: { now: Date } }> {
  const clock = { now: new Date('2025-09-26T02:00:00Z') };
  const a = createApp({ dataDir: tempDir(), mode: 'browser', appVersion: 't', workerFile: WORKER_JS, now: () => clock.now });
  app = a;
  await ok(a, 'auth.setup', ADMIN);
  await staff(a);
  return { a, w: seedWorld(a), clock };
}

async function fail(a: App, route: Parameters<App['dispatch']>[0], input: unknown, session = 'officer') {
  const r = await a.dispatch(route, input, { sessionKey: session });
  if (r.ok) throw new Error(`${route} unexpectedly succeeded`);
  return r.error;
}

function sql<T>(a: App, fn: (db: Database.Database) => T): T {
  const db = new Database(a.dbPath);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The leader's post and phone, which the filing form and the notice's contact need. */
function completeOfficers(a: App, w: World): void {
  sql(a, (db) => db.prepare("UPDATE officers SET post = '食品安全监管股股长', phone = '0731-57221234' WHERE id = ?").run(w.officers.valid1));
}

const counter = (a: App, kind: string) => sql(a, (db) => (db.prepare("SELECT value FROM counters WHERE scope = ? AND year = 2025").get(`doc:${kind}`) as { value: number } | undefined)?.value ?? 0);
const docCount = (a: App) => sql(a, (db) => (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n);

async function docxOf(a: App, documentId: number): Promise<Buffer> {
  const p = await ok(a, 'documents.preview', { documentId }, 'officer');
  expect(p.base64).not.toBeNull();
  return Buffer.from(p.base64!, 'base64');
}

describe('documents of an inspection', () => {
  it('reports exactly what is missing, takes no number for it, then numbers, names and versions documents', async () => {
    const { a, w } = await setup();
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');

    // What each kind needs, before anything is generated.
    let view = await ok(a, 'documents.forInspection', { inspectionId: id }, 'officer');
    const kind = (k: string) => view.kinds.find((x) => x.kind === k);
    expect(view.kinds.map((k) => k.kind)).toEqual(['filingForm', 'approvalForm', 'inspectionNotice', 'onSiteRecord', 'resultNotice']);
    expect(kind('filingForm')?.missing).toEqual(['带队人员职务', '带队人员联系电话']);
    expect(kind('inspectionNotice')?.missing).toEqual(['联系人电话']);
    expect(kind('approvalForm')).toMatchObject({ missing: [], needed: true, numbered: true });
    expect(kind('filingForm')?.needed).toBe(false); // not approved yet
    expect(kind('resultNotice')?.missing).toEqual(['检查结果', '联系人电话']);
    // Before the record step, the record lacks its times, recorder, findings and what happened on site.
    expect(kind('onSiteRecord')?.missing).toEqual(['检查开始时间', '检查结束时间', '记录人', '是否出示执法证件', '是否告知权利', '是否申请回避', '现场检查情况', '检查结论', '是否当场告知检查结果']);

    const missing = await fail(a, 'documents.generate', { inspectionId: id, kind: 'filingForm' });
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', message: '无法生成《湘潭市涉企行政执法检查备案表》，缺少：带队人员职务、带队人员联系电话' });
    expect(counter(a, 'filingForm')).toBe(0);
    expect(docCount(a)).toBe(0);

    completeOfficers(a, w);
    const filing = await ok(a, 'documents.generate', { inspectionId: id, kind: 'filingForm' }, 'clerk');
    expect(filing.number).toBe('湘县市监检备〔2025〕1号');
    const n1 = await ok(a, 'documents.generate', { inspectionId: id, kind: 'inspectionNotice' }, 'officer');
    expect(n1).toMatchObject({ number: '湘县市监检通〔2025〕1号', fileName: '湘县市监检通〔2025〕1号-行政检查通知书-湘潭湘莲食品有限公司.docx', supersededId: null });
    const text = textOf(openDocx(await docxOf(a, n1.documentId)).xml('word/document.xml'));
    expect(text).toContain('湘县市监检通〔2025〕1号');
    expect(text).toContain('本次为本年度本机关对你单位第1次检查');
    expect(text).toContain('周建国');
    expect(text).toContain('0731-57221234');

    // Generating again: a new number; the first is kept, superseded, and points at its successor.
    const n2 = await ok(a, 'documents.generate', { inspectionId: id, kind: 'inspectionNotice' }, 'officer');
    expect(n2).toMatchObject({ number: '湘县市监检通〔2025〕2号', supersededId: n1.documentId });
    view = await ok(a, 'documents.forInspection', { inspectionId: id }, 'officer');
    const notices = view.documents.filter((d) => d.kind === 'inspectionNotice');
    expect(notices.map((d) => [d.number, d.status, d.supersededBy])).toEqual([
      ['湘县市监检通〔2025〕2号', 'current', null],
      ['湘县市监检通〔2025〕1号', 'superseded', n2.documentId],
    ]);
    expect(notices[0]?.author).toBe('officer用户');
    const files = sql(a, (db) => db.prepare('SELECT sha256 FROM documents WHERE kind = ? ORDER BY id').all('inspectionNotice') as { sha256: string }[]);
    expect(new Set(files.map((f) => f.sha256)).size).toBe(2);
    for (const f of files) expect(fs.existsSync(`${a.dataDir}/files/sha256/${f.sha256.slice(0, 2)}/${f.sha256.slice(2)}`)).toBe(true);
    expect(kind('inspectionNotice')).toMatchObject({ currentId: n2.documentId, needed: false, missing: [] });

    // Registered documents are read-only and never deleted.
    expect(() => sql(a, (db) => db.prepare("UPDATE documents SET number = 'x' WHERE id = ?").run(n1.documentId))).toThrow(/read-only/u);
    expect(() => sql(a, (db) => db.prepare('DELETE FROM documents WHERE id = ?').run(n1.documentId))).toThrow(/cannot be deleted/u);

    // Download: the file under its name; the audit log names the document.
    const dl = await ok(a, 'documents.download', { documentId: n2.documentId }, 'officer');
    expect(dl.fileName).toBe('湘县市监检通〔2025〕2号-行政检查通知书-湘潭湘莲食品有限公司.docx');
    expect(a.transfers.download(dl.downloadId).bytes).toBe(notices[0]?.bytes);
    const audit = await ok(a, 'audit.list', { limit: 20 }, 'test');
    expect(audit.rows.map((r) => r.summary)).toContainEqual(expect.stringContaining('生成《行政检查通知书》湘县市监检通〔2025〕2号'));

    // A role that may not generate; an inspection that does not need the kind.
    await ok(a, 'users.create', { username: 'archive', displayName: '档案员', role: 'archivist', password: 'archive-pass-1' }, 'test');
    await ok(a, 'auth.login', { username: 'archive', password: 'archive-pass-1' }, 'archive');
    expect((await fail(a, 'documents.generate', { inspectionId: id, kind: 'approvalForm' }, 'archive')).code).toBe('FORBIDDEN');
    expect((await ok(a, 'documents.forInspection', { inspectionId: id }, 'archive')).documents).toHaveLength(3);
    expect((await fail(a, 'documents.generate', { inspectionId: id, kind: 'offSiteRecord' })).message).toMatch(/不需要《非现场检查记录》/u);
  });

  it('never shares or skips a number with 50 generate calls at once', async () => {
    const { a, w } = await setup();
    completeOfficers(a, w);
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push((await ok(a, 'inspections.create', draft(w, { plannedDate: `2025-10-${String(i + 1).padStart(2, '0')}` }), 'officer')).id);
    const calls = [...ids, ...ids].map((inspectionId, i) => a.dispatch('documents.generate', { inspectionId, kind: 'inspectionNotice' }, { sessionKey: i % 2 ? 'clerk' : 'officer' }));
    const results = await Promise.all(calls);
    const numbers = results.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { number: string }).number;
    });
    const serials = numbers.map((n) => Number(/〕(\d+)号$/u.exec(n)?.[1])).sort((x, y) => x - y);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(counter(a, 'inspectionNotice')).toBe(50);
    const state = sql(a, (db) => db.prepare("SELECT inspection_id AS id, SUM(status = 'current') AS cur, COUNT(*) AS n FROM documents GROUP BY inspection_id").all() as { cur: number; n: number }[]);
    expect(state).toHaveLength(25);
    expect(state.every((s) => s.cur === 1 && s.n === 2)).toBe(true);

    // A number already taken (say, typed in by hand elsewhere) fails the call and consumes nothing.
    sql(a, (db) =>
      db
        .prepare("INSERT INTO documents (uuid, inspection_id, kind, number, year, serial, sha256, bytes, file_name, created_at) VALUES ('x', ?, 'approvalForm', '湘县市监检通〔2025〕51号', 2025, 51, ?, 1, 'x.docx', 'now')")
        .run(ids[0], 'a'.repeat(64)),
    );
    const clash = await fail(a, 'documents.generate', { inspectionId: ids[1], kind: 'inspectionNotice' });
    expect(clash).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('湘县市监检通〔2025〕51号') });
    expect(counter(a, 'inspectionNotice')).toBe(50);
  });

  it('puts a QR code on the stored notice that verifies with the office key, and not when altered', async () => {
    const { a, w } = await setup();
    completeOfficers(a, w);
    const { id, number } = await ok(a, 'inspections.create', draft(w), 'officer');
    const n = await ok(a, 'documents.generate', { inspectionId: id, kind: 'inspectionNotice' }, 'officer');
    const docx = openDocx(await docxOf(a, n.documentId));
    const payload = /descr="(XZJC1\|[^"]+)"/u.exec(docx.xml('word/document.xml'))?.[1] ?? '';
    expect(payload).toMatch(/^XZJC1\|/u);
    const png = [...docx.files.entries()].find(([p]) => p.startsWith('word/media/'))?.[1];
    expect(png?.subarray(1, 4).toString('latin1')).toBe('PNG');
    const good = await ok(a, 'documents.verifyQr', { payload: payload.replace(/&#x7C;|&#124;/gu, '|') }, 'officer');
    expect(good).toMatchObject({ ok: true, inspectionNo: number, creditCode: '91350100M000100Y43', date: '2025-09-26', inspectionId: id });
    const bad = await ok(a, 'documents.verifyQr', { payload: payload.replace('2025-09-26', '2025-09-27') }, 'officer');
    expect(bad).toMatchObject({ ok: false, reason: expect.stringContaining('校验值不符') });
  });

  it('uses the supplement, the working-day calendar and the office settings', async () => {
    const { a, w } = await setup();
    completeOfficers(a, w);
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');

    // Settings: admin only; a pattern must number uniquely.
    expect((await fail(a, 'documentSettings.get', {}, 'officer')).code).toBe('FORBIDDEN');
    const s = await ok(a, 'documentSettings.get', {}, 'test');
    expect(s.settings.patterns.inspectionNotice).toBe('{abbr}检通〔{year}〕{n}号');
    expect(s.fallbackAbbr).toBe('湘县市监');
    expect(s.qrKeyFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/u);
    const noSerial = await fail(a, 'documentSettings.set', { ...s.settings, patterns: { ...s.settings.patterns, resultNotice: '{abbr}检告〔{year}〕号' } }, 'test');
    expect(noSerial.message).toBe('《检查结果告知书》的文号格式须含且只含一个序号 {n}');
    const same = await fail(a, 'documentSettings.set', { ...s.settings, patterns: { ...s.settings.patterns, resultNotice: s.settings.patterns.inspectionNotice } }, 'test');
    expect(same.message).toMatch(/文号格式相同/u);
    await ok(a, 'documentSettings.set', { ...s.settings, abbr: '湘潭县市监', defaultRectifyWorkingDays: 5, patterns: { ...s.settings.patterns, resultNotice: '{abbr}告〔{year}〕第{n}号' } }, 'test');

    // The result notice: problems found, deadline 5 working days after 2025-09-26 across National Day.
    await ok(
      a,
      'documents.saveSupplement',
      { inspectionId: id, supplement: { problems: [{ description: '未按规定记录进货查验情况', provision: '《中华人民共和国食品安全法》第五十条' }], rectifyRequirements: '建立进货查验记录制度' } },
      'officer',
    );
    const r = await ok(a, 'documents.generate', { inspectionId: id, kind: 'resultNotice' }, 'officer');
    expect(r.number).toBe('湘潭县市监告〔2025〕1号');
    const text = textOf(openDocx(await docxOf(a, r.documentId)).xml('word/document.xml'));
    expect(text).toContain('未按规定记录进货查验情况');
    expect(text).toContain('请于2025年10月10日前完成整改'); // 9-28 (Sunday) worked, 10-1…10-8 off
    const counters = (await ok(a, 'documentSettings.get', {}, 'test')).counters;
    expect(counters).toContainEqual({ kind: 'resultNotice', year: 2025, value: 1 });
  });

  it('exports the ledger of a period as Word and Excel, registered per period', async () => {
    const { a, w, clock } = await setup();
    completeOfficers(a, w);
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');
    let v = (await ok(a, 'inspections.get', { id }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'approve' } }, 'head')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'file' } }, 'clerk')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'notify' } }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'enter', codeRegistrationNo: 'HN-2025-0001' } }, 'officer')).version;
    clock.now = new Date('2025-09-30T03:00:00Z');
    await ok(a, 'inspections.step', { id, version: v, payload: { action: 'record', findings: '现场检查了原料库和生产车间。' } }, 'officer');

    const word = await ok(a, 'documents.ledger', { from: '2025-09-01', to: '2025-09-30', format: 'docx' }, 'clerk');
    expect(word).toMatchObject({ rows: 1, fileName: '行政检查登记表-2025-09-01至2025-09-30.docx' });
    const wordText = textOf(openDocx(fs.readFileSync(a.transfers.download(word.downloadId).path)).xml('word/document.xml'));
    expect(wordText).toContain('湘潭湘莲食品有限公司');
    expect(wordText).toContain('HN-2025-0001');
    expect(wordText).toContain('周建国（43030021000）');

    const excel = await ok(a, 'documents.ledger', { from: '2025-09-01', to: '2025-09-30', format: 'xlsx' }, 'clerk');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(a.transfers.download(excel.downloadId).path);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getRow(2).getCell(2).value)).toBe('检查编号/行政检查码');
    expect(sheet.getRow(3).getCell(6).value).toBe('湘潭湘莲食品有限公司\n91350100M000100Y43');
    expect(sheet.getRow(3).getCell(11).value).toBe('是');
    expect(sheet.rowCount).toBe(3);

    // Again for the same period: the earlier Word export is superseded, the Excel one stays current.
    const again = await ok(a, 'documents.ledger', { from: '2025-09-01', to: '2025-09-30', format: 'docx' }, 'clerk');
    const ledgers = (await ok(a, 'documents.recent', { kind: 'inspectionRegister' }, 'clerk')).rows;
    expect(ledgers.map((l) => [l.id, l.format, l.status, l.period])).toEqual([
      [again.documentId, 'docx', 'current', '2025-09-01 至 2025-09-30'],
      [excel.documentId, 'xlsx', 'current', '2025-09-01 至 2025-09-30'],
      [word.documentId, 'docx', 'superseded', '2025-09-01 至 2025-09-30'],
    ]);
    expect((await fail(a, 'documents.ledger', { from: '2025-10-01', to: '2025-09-01', format: 'xlsx' }, 'clerk')).message).toBe('截止日期不能早于起始日期');
  });
});
