import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app';
import { ok, tempDir, WORKER_JS, ADMIN } from '../support/app';
import { draft, seedWorld, staff, type World } from '../support/inspections';
import { jpegWithExif } from '../support/jpeg';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** An app whose clock the test moves (China time, so dates are the office's dates). */
async function setup(startIso = '2025-09-26T02:00:00Z'): Promise<{ a: App; w: World; clock: { now: Date } }> {
  const clock = { now: new Date(startIso) };
  const a = createApp({ dataDir: tempDir(), mode: 'browser', appVersion: 't', workerFile: WORKER_JS, now: () => clock.now });
  app = a;
  await ok(a, 'auth.setup', ADMIN);
  await staff(a);
  return { a, w: seedWorld(a), clock };
}

async function fail(a: App, route: Parameters<App['dispatch']>[0], input: unknown, session: string) {
  const r = await a.dispatch(route, input, { sessionKey: session });
  if (r.ok) throw new Error(`${route} unexpectedly succeeded`);
  return r.error;
}

describe('inspection lifecycle', () => {
  it('runs create → approve → file → notify → enter → record → feedback → close, with deadlines', async () => {
    const { a, w, clock } = await setup();
    // Blocked by an expired certificate, with the officer and the basis named; nothing saved.
    const blocked = await fail(a, 'inspections.create', draft(w, { teamOfficerIds: [w.officers.valid1, w.officers.expired] }), 'officer');
    expect(blocked.code).toBe('RULE_BLOCKED');
    expect(blocked.message).toMatch(/江丽玉/u);
    expect(blocked.message).toMatch(/湘政办发〔2025〕5号（三）/u);
    expect((await ok(a, 'inspections.list', {}, 'officer')).rows).toHaveLength(0);

    const { id, number } = await ok(a, 'inspections.create', draft(w), 'officer');
    expect(number).toBe('湘县市监检〔2025〕1号');
    let d = await ok(a, 'inspections.get', { id }, 'officer');
    expect(d.status).toBe('draft');
    expect(d.actions).not.toContain('approve');

    // Only the head approves; a double click (same version twice) changes nothing the second time.
    const notHead = await fail(a, 'inspections.step', { id, version: d.version, payload: { action: 'approve' } }, 'officer');
    expect(notHead.code).toBe('FORBIDDEN');
    const approved = await ok(a, 'inspections.step', { id, version: d.version, payload: { action: 'approve', note: '同意' } }, 'head');
    expect(approved.status).toBe('approved');
    const again = await fail(a, 'inspections.step', { id, version: d.version, payload: { action: 'approve' } }, 'head');
    expect(again.code).toBe('CONFLICT');

    // Entering before the filing and the notice is refused.
    const early = await fail(a, 'inspections.step', { id, version: approved.version, payload: { action: 'enter', codeRegistrationNo: 'HN-2025-0001' } }, 'officer');
    expect(early.code).toBe('RULE_BLOCKED');
    expect(early.message).toMatch(/备案|报备/u);

    let v = (await ok(a, 'inspections.step', { id, version: approved.version, payload: { action: 'file', filingNo: '潭优备〔2025〕3号' } }, 'clerk')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'notify' } }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'enter', codeRegistrationNo: 'HN-2025-0001', avRecordRef: 'AV-17' } }, 'officer')).version;

    // A photo with its EXIF time and place; one taken a month earlier is flagged.
    const up = a.transfers.saveUploadBytes('现场照片.jpg', jpegWithExif({ taken: '2025:09:26 10:15:00' }));
    const photo = await ok(a, 'inspections.addAttachment', { id, uploadId: up.uploadId, kind: 'photo' }, 'officer');
    expect(photo).toMatchObject({ takenAt: '2025-09-26T10:15:00', outsideWindow: false });
    const old = a.transfers.saveUploadBytes('旧照片.jpg', jpegWithExif({ taken: '2025:08:20 09:00:00' }));
    expect((await ok(a, 'inspections.addAttachment', { id, uploadId: old.uploadId, kind: 'photo' }, 'officer')).outsideWindow).toBe(true);
    d = await ok(a, 'inspections.get', { id }, 'officer');
    expect(d.attachments[0]).toMatchObject({ name: '现场照片.jpg', gps: { lat: expect.closeTo(27.8567, 3), lon: expect.closeTo(112.9, 3) } });
    v = d.version;

    // The record ends the inspection on 2025-09-30: feedback is due 5 working days later, 2025-10-14.
    clock.now = new Date('2025-09-30T03:00:00Z');
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'record', findings: '现场检查了原料库和生产车间，未发现问题。', personsPresent: '法定代表人 刘伟' } }, 'officer')).version;
    const dash = await ok(a, 'dashboard.get', { days: 10 }, 'clerk');
    expect(dash.due).toContainEqual(expect.objectContaining({ inspectionId: id, kind: 'feedback', due: '2025-10-14', overdue: false }));

    clock.now = new Date('2025-10-10T03:00:00Z');
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'feedback', method: '送达检查结果告知书' } }, 'clerk')).version;
    expect((await ok(a, 'dashboard.get', { days: 10 }, 'clerk')).due.filter((x) => x.inspectionId === id)).toEqual([]);
    const closed = await ok(a, 'inspections.step', { id, version: v, payload: { action: 'close', outcome: 'no_problem' } }, 'officer');
    expect(closed.status).toBe('closed');
    d = await ok(a, 'inspections.get', { id }, 'officer');
    expect(d.events.map((e) => e.action)).toEqual(['create', 'approve', 'file', 'notify', 'enter', 'evidence', 'evidence', 'record', 'feedback', 'close']);
    expect(d.actions).toEqual([]);
    // Every step is in the audit log, and the chain holds.
    expect((await ok(a, 'audit.verify', {})).ok).toBe(true);
  });

  it('warns on a third routine inspection in a year; a head overrides with the approval number', async () => {
    const { a, w } = await setup('2025-03-01T02:00:00Z');
    await ok(a, 'inspections.create', draft(w, { plannedDate: '2025-03-10' }), 'officer');
    await ok(a, 'inspections.create', draft(w, { plannedDate: '2025-06-10', itemIds: [w.items.price] }), 'officer');
    const third = await ok(a, 'inspections.create', draft(w, { plannedDate: '2025-11-10', itemIds: [w.items.price] }), 'officer');
    const d = await ok(a, 'inspections.get', { id: third.id }, 'head');
    const cap = d.findings.find((f) => f.ruleId === 'cap');
    expect(cap).toMatchObject({ effect: 'warn', needsApprovalNumber: true });
    const refused = await fail(a, 'inspections.step', { id: third.id, version: d.version, payload: { action: 'approve' } }, 'head');
    expect(refused.code).toBe('RULE_BLOCKED');
    // An officer cannot override; a head must give the government's approval number.
    expect((await fail(a, 'inspections.override', { id: third.id, ruleId: 'cap', reason: '群众反映强烈' }, 'officer')).code).toBe('FORBIDDEN');
    expect((await fail(a, 'inspections.override', { id: third.id, ruleId: 'cap', reason: '群众反映强烈' }, 'head')).message).toMatch(/批准文号/u);
    await ok(a, 'inspections.override', { id: third.id, ruleId: 'cap', reason: '县人民政府同意增加一次检查', approvalNo: '湘县政函〔2025〕21号' }, 'head');
    const after = await ok(a, 'inspections.get', { id: third.id }, 'head');
    expect(after.findings.find((f) => f.ruleId === 'cap')?.overridden).toBe(true);
    await ok(a, 'inspections.step', { id: third.id, version: after.version, payload: { action: 'approve' } }, 'head');
    const audit = await ok(a, 'audit.list', { limit: 10 });
    expect(audit.rows.some((r) => r.summary.includes('湘县政函〔2025〕21号'))).toBe(true);
    // The archive-wide warning shows on the 工作台.
    expect((await ok(a, 'dashboard.get', {}, 'head')).warnings.map((x) => x.kind)).toContain('high_frequency');
  });

  it('refuses retired items and auxiliary staff, and merges two drafts in one click', async () => {
    const { a, w } = await setup();
    expect((await fail(a, 'inspections.create', draft(w, { itemIds: [w.items.retired] }), 'officer')).message).toMatch(/已废止事项/u);
    expect((await fail(a, 'inspections.create', draft(w, { teamOfficerIds: [w.officers.valid1, w.officers.auxiliary] }), 'officer')).message).toMatch(/赵兰国/u);
    const one = await ok(a, 'inspections.create', draft(w), 'officer');
    const two = await ok(a, 'inspections.create', draft(w, { itemIds: [w.items.price] }), 'officer');
    const d = await ok(a, 'inspections.get', { id: two.id }, 'officer');
    const merge = d.findings.find((f) => f.ruleId === 'merge');
    expect(merge?.effect).toBe('advise');
    await ok(a, 'inspections.merge', { id: two.id, intoId: one.id }, 'officer');
    const merged = await ok(a, 'inspections.get', { id: one.id }, 'officer');
    expect(merged.items.map((i) => i.name).sort()).toEqual(['价格行为检查', '食品生产经营检查']);
    expect((await ok(a, 'inspections.list', {}, 'officer')).rows.map((r) => r.id)).toEqual([one.id]);
  });

  it('a step out of order or with end before start changes nothing', async () => {
    const { a, w } = await setup();
    const { id } = await ok(a, 'inspections.create', draft(w), 'officer');
    const d = await ok(a, 'inspections.get', { id }, 'officer');
    const e = await fail(a, 'inspections.step', { id, version: d.version, payload: { action: 'feedback' } }, 'officer');
    expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请先制作检查记录') });
    const future = await fail(a, 'inspections.step', { id, version: d.version, payload: { action: 'approve', date: '2099-01-01' } }, 'head');
    expect(future.code).toBe('INVALID_INPUT');
    expect((await ok(a, 'inspections.get', { id }, 'officer')).version).toBe(d.version);
  });

  it('a transfer is decided at closing and recorded later, with its 20-working-day deadline meanwhile', async () => {
    const { a, w, clock } = await setup('2025-09-22T02:00:00Z');
    const { id } = await ok(a, 'inspections.create', draft(w, { plannedDate: '2025-09-22' }), 'officer');
    let v = (await ok(a, 'inspections.get', { id }, 'officer')).version;
    // Entering is not offered before the head approves (no emergency).
    expect((await ok(a, 'inspections.get', { id }, 'officer')).actions).not.toContain('enter');
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'approve' } }, 'head')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'file' } }, 'clerk')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'notify' } }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'enter', codeRegistrationNo: 'HN-1' } }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'record', findings: '发现涉嫌无证经营，属其他部门管辖。' } }, 'officer')).version;
    v = (await ok(a, 'inspections.step', { id, version: v, payload: { action: 'feedback' } }, 'clerk')).version;
    const decided = await ok(a, 'inspections.step', { id, version: v, payload: { action: 'close', outcome: 'transfer', transferTarget: '湘潭县农业农村局' } }, 'officer');
    expect(decided.status).toBe('fed_back');
    const dash = await ok(a, 'dashboard.get', { days: 30 }, 'clerk');
    // Found 2025-09-22; 20 working days later across the National Day holiday, counting the
    // make-up Sunday 09-28 and Saturday 10-11: 2025-10-24.
    expect(dash.due).toContainEqual(expect.objectContaining({ inspectionId: id, kind: 'transfer', due: '2025-10-24' }));
    clock.now = new Date('2025-10-20T02:00:00Z');
    const done = await ok(a, 'inspections.step', { id, version: decided.version, payload: { action: 'transfer', target: '湘潭县农业农村局' } }, 'clerk');
    expect(done.status).toBe('transferred');
    expect((await ok(a, 'dashboard.get', { days: 30 }, 'clerk')).due.filter((x) => x.inspectionId === id)).toEqual([]);
    expect((await ok(a, 'inspections.get', { id }, 'clerk')).actions).toEqual([]);
  });
});
