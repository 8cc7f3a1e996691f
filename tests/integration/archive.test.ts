import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { openDocx, textOf } from '../unit/documents/support/docx';
import { ok } from '../support/app';
import { archiveWorld, as, closedInspection, fail, sql, type ArchiveWorld } from './archiveWorld';

/**
 * Case files (issue 6.1–6.2) through the routes: made from closed inspections in the filing
 * order, paged, with cover / 卷内文件目录 / 备考表 stored as .docx; the completeness check;
 * archiving gives the 档号 and locks case file and inspections; a later change needs a reason
 * and keeps the old version; legal hold and the two-step disposal.
 */

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function world(): Promise<ArchiveWorld> {
  const x = await archiveWorld();
  app = x.a;
  return x;
}

async function docText(a: App, id: number, part: 'cover' | 'index' | 'notes', revision?: number): Promise<string> {
  const d = await ok(a, 'caseFiles.download', { id, part, ...(revision ? { revision } : {}) }, 'archivist');
  const file = a.transfers.download(d.downloadId);
  expect(d.name).toMatch(/\.docx$/u);
  return textOf(openDocx(fs.readFileSync(file.path)).xml('word/document.xml'));
}

describe('case files', () => {
  it('files one closed inspection in order, pages it, archives it with its 档号 and locks it', async () => {
    const x = await world();
    const { a } = x;
    const ins = await closedInspection(x);
    expect(ins.documents).toBe(5);

    // Only closed inspections are candidates; an officer cannot make case files.
    const cands = await as(a, 'archivist', 'caseFiles.candidates', {});
    expect(cands.map((c) => c.id)).toEqual([ins.id]);
    expect(cands[0]).toMatchObject({ documents: 5, attachments: 1 });
    expect((await fail(a, 'caseFiles.create', { inspectionIds: [ins.id] }, 'officer')).code).toBe('FORBIDDEN');

    const { id } = await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
    let cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf.status).toBe('draft');
    expect(cf.title).toBe('湘潭湘莲食品有限公司涉企行政检查（食品生产经营检查）案卷');
    expect(cf.retention).toBe('10y');
    expect(cf.entries.map((e) => e.slot)).toEqual(['approvalForm', 'filingForm', 'inspectionNotice', 'onSiteRecord', 'evidence', 'resultNotice']);
    expect(cf.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cf.entries[2]).toMatchObject({ docNo: '湘县市监检通〔2025〕1号', author: '湘潭县市场监督管理局', title: '湘潭湘莲食品有限公司行政检查通知书及送达回执', date: '2025-09-26' });
    expect(cf.entries[4]).toMatchObject({ title: '现场照片：现场照片.jpg', pages: 1, pagesSource: 'image' });
    // Pages run on from 1 without gaps; every document counts at least one page.
    let next = 1;
    for (const e of cf.entries) {
      expect(e.pages).toBeGreaterThanOrEqual(1);
      expect(e.pageFrom).toBe(next);
      expect(e.pageTo).toBe(next + e.pages - 1);
      next += e.pages;
    }
    expect(cf.pages).toBe(next - 1);
    expect(cf.itemsCount).toBe(6);
    expect(cf.missingRequired).toBe(0);
    expect(cf.completeness.map((c) => c.key)).toEqual(['approvalForm', 'filingForm', 'inspectionNotice', 'code', 'onSiteRecord', 'evidence', 'resultNotice']);
    // The products exist before archiving (the 档号 not yet given).
    expect(await docText(a, id, 'cover')).toContain('（归档时编定）');

    const archived = await as(a, 'archivist', 'caseFiles.archive', { id, version: cf.version });
    expect(archived.archiveNo).toBe('J012-2025-0001');
    cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf).toMatchObject({ status: 'archived', archiveNo: 'J012-2025-0001', filingNo: '2025-0001', retentionUntil: '2035-12-31', volumeNo: 1 });
    expect((await ok(a, 'inspections.get', { id: ins.id }, 'officer')).status).toBe('archived');

    const cover = await docText(a, id, 'cover');
    for (const s of ['全宗名称', '湘潭县市场监督管理局', '类目名称', '行政检查', '案卷题名', cf.title, '起止时间', '2025年9月26日', '保管期限', '10年', `6 件 / ${cf.pages} 页`, '归档号', '2025-0001', '档号', 'J012-2025-0001']) {
      expect(cover).toContain(s);
    }
    const index = await docText(a, id, 'index');
    for (const s of ['顺序号', '文号', '责任者', '题名', '日期', '页号', '备注', '湘县市监检通〔2025〕1号', '现场照片：现场照片.jpg', `${cf.entries[5]?.pageFrom}`]) expect(index).toContain(s);
    const notes = await docText(a, id, 'notes');
    expect(notes).toContain(`本卷共 6 件，${cf.pages} 页`);
    expect(notes).toContain('立卷人');
    expect(notes).toContain('档案员李');

    // Locked: the inspection takes no more steps or evidence; a change needs a reason.
    expect((await fail(a, 'caseFiles.update', { id, version: cf.version, title: '新题名' }, 'archivist')).message).toMatch(/须写明修改理由/u);
    expect((await fail(a, 'caseFiles.dissolve', { id, version: cf.version }, 'archivist')).code).toBe('CONFLICT');
    const oldCover = cf.products.cover;
    const first = cf.entries[0];
    if (!first) throw new Error('no entries');
    const changed = await as(a, 'archivist', 'caseFiles.update', { id, version: cf.version, entries: [{ id: first.id, pages: first.pages + 2, remark: '含附页' }], reason: '审批表实有附页，更正页数' });
    cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf.version).toBe(changed.version);
    expect(cf.entries[0]).toMatchObject({ pages: first.pages + 2, pagesSource: 'manual', remark: '含附页' });
    expect(cf.entries[1]?.pageFrom).toBe(first.pages + 3);
    expect(cf.revisions).toEqual([expect.objectContaining({ version: changed.version - 1, reason: '审批表实有附页，更正页数', changedBy: '档案员李' })]);
    expect(cf.products.cover).not.toBe(oldCover);
    // The previous version's products are kept and downloadable; the new 备考表 records the change.
    expect(await docText(a, id, 'cover', changed.version - 1)).toContain(`${cf.pages - 2} 页`);
    expect(await docText(a, id, 'notes')).toContain('审批表实有附页，更正页数');
    expect(sql(a, (db) => db.prepare('SELECT COUNT(*) FROM case_file_revisions').pluck().get())).toBe(1);
    expect(() => sql(a, (db) => db.prepare('DELETE FROM case_file_revisions').run())).toThrow(/cannot be deleted/u);
  });

  it('refuses what cannot be filed, and archives an incomplete file only with an explanation', async () => {
    const x = await world();
    const { a, w } = x;
    const done = await closedInspection(x, {}, false);
    const open = await ok(a, 'inspections.create', (await import('../support/inspections')).draft(w, { plannedDate: '2025-09-26' }), 'officer');
    expect((await fail(a, 'caseFiles.create', { inspectionIds: [open.id] }, 'archivist')).message).toMatch(/尚未办结/u);
    // A document goes missing from the current set: supersede nothing, just file without the result notice.
    sql(a, (db) => db.prepare("UPDATE documents SET status = 'superseded' WHERE inspection_id = ? AND kind = 'resultNotice'").run(done.id));
    const { id } = await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [done.id] });
    expect((await fail(a, 'caseFiles.create', { inspectionIds: [done.id] }, 'archivist')).message).toMatch(/已在另一案卷中/u);
    let cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf.missingRequired).toBe(1);
    expect(cf.completeness.find((c) => c.key === 'resultNotice')).toMatchObject({ present: false, required: true, basis: expect.stringContaining('（十七）') });
    expect(cf.completeness.find((c) => c.key === 'evidence')).toMatchObject({ present: false, required: false });
    const refused = await fail(a, 'caseFiles.archive', { id, version: cf.version }, 'archivist');
    expect(refused.code).toBe('RULE_BLOCKED');
    expect(refused.message).toContain('检查结果告知书');
    // Without the office's 全宗号 nothing is numbered.
    await ok(a, 'archiveSettings.set', { fondsNo: '', fondsName: '湘潭县市场监督管理局', catalogNo: '', category: '行政检查', retention: { no_problem: '10y', rectification: '30y', transfer: '30y', penalty: 'permanent' } }, 'archivist');
    expect((await fail(a, 'caseFiles.archive', { id, version: cf.version, explanation: '告知书原件由当事人签收后遗失' }, 'archivist')).message).toMatch(/全宗号/u);
    await ok(a, 'archiveSettings.set', { fondsNo: 'J012', fondsName: '湘潭县市场监督管理局', catalogNo: '2025', category: '行政检查', retention: { no_problem: '10y', rectification: '30y', transfer: '30y', penalty: 'permanent' } }, 'archivist');
    await as(a, 'archivist', 'caseFiles.archive', { id, version: cf.version, explanation: '告知书原件由当事人签收后遗失' });
    cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf.missingExplanation).toBe('告知书原件由当事人签收后遗失');
    const notes = await docText(a, id, 'notes');
    expect(notes).toContain('本卷缺少');
    expect(notes).toContain('告知书原件由当事人签收后遗失');
  });

  it('files several small inspections of one agency in one volume (多案一卷), longest retention', async () => {
    const x = await world();
    const { a, w } = x;
    const one = await closedInspection(x);
    x.clock.now = new Date('2025-10-09T02:00:00Z');
    const two = await closedInspection(x, { itemIds: [w.items.price], content: '明码标价' });
    sql(a, (db) => db.prepare("UPDATE inspections SET outcome = 'rectification' WHERE id = ?").run(two.id));
    const { id } = await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [two.id, one.id] });
    const cf = await as(a, 'archivist', 'caseFiles.get', { id });
    expect(cf.inspections.map((i) => i.id)).toEqual([two.id, one.id]);
    expect(cf.title).toMatch(/^湘潭县市场监督管理局2025年涉企行政检查案卷（湘潭湘莲食品有限公司，2件）$/u);
    expect(cf.retention).toBe('30y');
    // Entries: the earlier inspection's documents first, each in filing order.
    const byInspection = cf.entries.map((e) => e.inspectionId);
    expect(byInspection.indexOf(two.id)).toBe(byInspection.lastIndexOf(one.id) + 1);
    expect(cf.entries.filter((e) => e.inspectionId === two.id).map((e) => e.slot)).toEqual(['approvalForm', 'filingForm', 'inspectionNotice', 'onSiteRecord', 'evidence', 'resultNotice']);
    // The rectification one lacks its order and re-check.
    expect(cf.completeness.filter((c) => !c.present && c.required).map((c) => c.key)).toEqual(['rectificationOrder', 'recheck']);
  });

  it('keeps expired case files on the disposal list; two people dispose; a legal hold stops it', async () => {
    const x = await world();
    const { a } = x;
    const made = [];
    for (let i = 0; i < 2; i++) {
      const ins = await closedInspection(x, {}, false);
      const { id } = await as(a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
      const v = (await as(a, 'archivist', 'caseFiles.get', { id })).version;
      await as(a, 'archivist', 'caseFiles.archive', { id, version: v });
      made.push(id);
    }
    const [first, second] = made as [number, number];
    expect((await as(a, 'archivist', 'disposals.list', {})).due).toEqual([]);
    expect((await fail(a, 'disposals.propose', { caseFileId: first, reason: '保管期满，经鉴定无继续保存价值', decisionNo: '湘县市监档销〔2036〕1号' }, 'archivist')).message).toMatch(/保管期限未满/u);

    x.clock.now = new Date('2036-01-05T02:00:00Z');
    const due = (await as(a, 'archivist', 'disposals.list', {})).due;
    expect(due.map((d) => d.id).sort()).toEqual([first, second].sort());
    // A legal hold keeps one.
    await as(a, 'archivist', 'caseFiles.hold', { id: second, hold: true, reason: '涉诉：（2035）湘0321行初12号' });
    expect((await fail(a, 'disposals.propose', { caseFileId: second, reason: '期满', decisionNo: '湘县市监档销〔2036〕2号' }, 'archivist')).message).toMatch(/法律保全/u);

    const { id: proposal } = await as(a, 'archivist', 'disposals.propose', { caseFileId: first, reason: '保管期满，经鉴定无继续保存价值', decisionNo: '湘县市监档销〔2036〕1号' });
    // The archivist cannot approve; the head does.
    expect((await fail(a, 'disposals.decide', { id: proposal, approve: true }, 'archivist')).code).toBe('FORBIDDEN');
    await as(a, 'head', 'disposals.decide', { id: proposal, approve: true, note: '同意销毁' });
    const after = await as(a, 'archivist', 'caseFiles.get', { id: first });
    expect(after.status).toBe('disposed');
    expect(after.disposal).toMatchObject({ status: 'approved', decisionNo: '湘县市监档销〔2036〕1号', proposedBy: '档案员李', decidedBy: 'head用户' });
    const list = await as(a, 'archivist', 'disposals.list', {});
    expect(list.due.map((d) => d.id)).toEqual([second]);
    expect(list.records[0]).toMatchObject({ status: 'approved', decisionNote: '同意销毁' });
    expect((await fail(a, 'caseFiles.update', { id: first, version: after.version, reason: '测试修改已销毁案卷', title: '改后的题名' }, 'archivist')).message).toMatch(/已销毁/u);
    // Releasing the hold makes it disposable again.
    await as(a, 'archivist', 'caseFiles.hold', { id: second, hold: false, reason: '诉讼已终结' });
    await as(a, 'archivist', 'disposals.propose', { caseFileId: second, reason: '期满', decisionNo: '湘县市监档销〔2036〕2号' });
    const audit = sql(a, (db) => db.prepare("SELECT summary FROM audit_log WHERE entity = 'case_file' ORDER BY id").pluck().all() as string[]);
    expect(audit.some((s) => s.startsWith('批准销毁 J012-2025-0001'))).toBe(true);
    expect(audit.some((s) => s.includes('设置法律保全'))).toBe(true);
  });
});
