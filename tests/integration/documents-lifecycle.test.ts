import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app';
import { ok, tempDir, WORKER_JS, ADMIN } from '../support/app';
import { draft, seedWorld, staff, type World } from '../support/inspections';
import { openDocx, textOf } from '../unit/documents/support/docx';

/**
 * The documents each step needs, along the lifecycle: the on-site record after 制作检查记录
 * (times from the steps, the rest from the supplement), the result notice and the rectification
 * order at 办结 with a deadline, the transfer letter, and an off-site inspection's record.
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
  const w = seedWorld(a);
  const db = new Database(a.dbPath);
  db.prepare("UPDATE officers SET post = '股长', phone = '0731-57221234' WHERE id = ?").run(w.officers.valid1);
  db.close();
  return { a, w, clock };
}

async function text(a: App, documentId: number): Promise<string> {
  const p = await ok(a, 'documents.preview', { documentId }, 'officer');
  return textOf(openDocx(Buffer.from(p.base64!, 'base64')).xml('word/document.xml'));
}

const kinds = async (a: App, id: number) => (await ok(a, 'documents.forInspection', { inspectionId: id }, 'officer')).kinds;

describe('documents along the lifecycle', () => {
  it('on site: record, result notice, rectification order with its deadline', async () => {
    const { a, w, clock } = await setup();
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');
    let v = (await ok(a, 'inspections.get', { id }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'approve', note: '同意实施检查' } }, 'head')).version;
    // Approved: the filing form and the notice are due now; the approval form carries the head's opinion.
    expect((await kinds(a, id)).filter((k) => k.needed).map((k) => k.kind)).toEqual(['filingForm', 'approvalForm', 'inspectionNotice']);
    const filing = await ok(a, 'documents.generate', { inspectionId: id, kind: 'filingForm' }, 'clerk');
    expect(await text(a, filing.documentId)).toContain('同意实施检查');
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'file' } }, 'clerk')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'notify' } }, 'officer')).version;
    clock.now = new Date('2025-09-26T01:30:00Z'); // 09:30 in Xiangtan
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'enter', codeRegistrationNo: 'HN-2025-0001' } }, 'officer')).version;
    clock.now = new Date('2025-09-26T03:05:00Z'); // 11:05
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'record', findings: '现场查看了原料库和生产车间，进货查验记录不全。', place: '生产车间' } }, 'officer')).version;

    // The record: times from the steps, recorder from who recorded; what happened on site is asked for.
    let record = (await kinds(a, id)).find((k) => k.kind === 'onSiteRecord')!;
    expect(record).toMatchObject({ needed: true, missing: ['是否出示执法证件', '是否告知权利', '是否申请回避', '检查结论', '是否当场告知检查结果'] });
    await ok(
      a,
      'documents.saveSupplement',
      {
        inspectionId: id,
        supplement: {
          certificatesShown: true,
          rightsExplained: true,
          recusalRequested: false,
          resultToldOnSite: true,
          problems: [{ description: '进货查验记录不全', provision: '《中华人民共和国食品安全法》第五十条' }],
          rectifyRequirements: '补全进货查验记录',
          rectifyBasis: '《中华人民共和国食品安全法》第一百二十六条',
        },
      },
      'officer',
    );
    record = (await kinds(a, id)).find((k) => k.kind === 'onSiteRecord')!;
    expect(record.missing).toEqual([]);
    const rec = await ok(a, 'documents.generate', { inspectionId: id, kind: 'onSiteRecord' }, 'officer');
    expect(rec.number).toBeNull();
    expect(rec.fileName).toBe('现场检查笔录-湘潭湘莲食品有限公司-湘县市监检〔2025〕1号.docx');
    const recText = await text(a, rec.documentId);
    expect(recText).toContain('2025年9月26日9时30分');
    expect(recText).toContain('11时05分');
    expect(recText).toContain('HN-2025-0001');
    expect(recText).toContain('生产车间');

    clock.now = new Date('2025-09-29T02:00:00Z');
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'feedback' } }, 'clerk')).version;
    const result = await ok(a, 'documents.generate', { inspectionId: id, kind: 'resultNotice' }, 'clerk');
    expect(await text(a, result.documentId)).toContain('进货查验记录不全');
    await ok(a, 'inspections.step', { id, version: v, payload: { action: 'close', outcome: 'rectification', rectificationDeadline: '2025-10-20' } }, 'officer');

    // Closed with rectification: the order is due, with the deadline of 办结.
    const order = (await kinds(a, id)).find((k) => k.kind === 'rectificationOrder')!;
    expect(order).toMatchObject({ needed: true, missing: [] });
    const o = await ok(a, 'documents.generate', { inspectionId: id, kind: 'rectificationOrder' }, 'officer');
    expect(o.number).toBe('湘县市监责改〔2025〕1号');
    const orderText = await text(a, o.documentId);
    expect(orderText).toContain('2025年10月20日');
    expect(orderText).toContain('《中华人民共和国食品安全法》第一百二十六条');
    expect((await kinds(a, id)).map((k) => k.kind)).not.toContain('transferLetter');
  });

  it('transfer letter after closing with a transfer; an off-site inspection gets its record, not a notice', async () => {
    const { a, w } = await setup();
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');
    const db = new Database(a.dbPath);
    db.prepare("UPDATE inspections SET status = 'transferred', actual_start = '2025-09-20', recorded_at = '2025-09-20', feedback_at = '2025-09-22', outcome = 'transfer', transfer_target = '湘潭县应急管理局', outcome_note = '锅炉安全阀校验过期' WHERE id = ?").run(id);
    db.close();
    let letter = (await kinds(a, id)).find((k) => k.kind === 'transferLetter')!;
    expect(letter).toMatchObject({ needed: true, missing: ['移送理由', '移送依据'] });
    await ok(a, 'documents.saveSupplement', { inspectionId: id, supplement: { transferReason: '属于安全生产监管职责', transferBasis: '《中华人民共和国行政处罚法》第二十五条', transferAttachments: [{ name: '现场检查笔录', copies: 1, pages: 2 }] } }, 'officer');
    letter = (await kinds(a, id)).find((k) => k.kind === 'transferLetter')!;
    expect(letter.missing).toEqual([]);
    const l = await ok(a, 'documents.generate', { inspectionId: id, kind: 'transferLetter' }, 'clerk');
    const letterText = await text(a, l.documentId);
    expect(letterText).toContain('湘潭县应急管理局');
    expect(letterText).toContain('锅炉安全阀校验过期');

    const off = await ok(a, 'inspections.create', draft(w, { kind: 'offsite', onsite: false, plannedDate: '2025-10-09' }), 'officer');
    const offKinds = await kinds(a, off.id);
    expect(offKinds.map((k) => k.kind)).toEqual(['filingForm', 'approvalForm', 'offSiteRecord', 'resultNotice']);
    expect(offKinds.find((k) => k.kind === 'offSiteRecord')?.missing).toEqual(['检查方式（至少1项）', '数据及材料来源', '检查开始时间', '检查结束时间', '检查过程', '检查结论', '记录日期']);
    expect((await a.dispatch('documents.generate', { inspectionId: off.id, kind: 'inspectionNotice' }, { sessionKey: 'officer' })).ok).toBe(false);
  });
});
