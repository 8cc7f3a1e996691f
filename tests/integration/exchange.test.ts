import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { readBundle } from '../../electron/bundle/read';
import { canonicalJson } from '../../electron/bundle/write';
import { NOOP_IO } from '../unit/bundle/fixtures';
import { ok, tempDir } from '../support/app';
import { archiveWorld, as, closedInspection, fail, sql, type ArchiveWorld } from './archiveWorld';

/**
 * Upload bundles between two offices (issue 6.6, 6.8): export a selection as a job, verify it
 * with standard tools (unzip, sha256sum -c), import it into an empty archive and get the same
 * records and files back; importing twice changes nothing; edits on both sides become
 * conflicts shown side by side and decided by an archivist; a damaged bundle writes nothing.
 */

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function world(dir?: string): Promise<ArchiveWorld> {
  const x = await archiveWorld(dir);
  apps.push(x.a);
  return x;
}

async function runJob(a: App, jobId: string) {
  const job = await a.waitForJob(jobId);
  if (job.status !== 'done') throw new Error(`job ${job.kind} ${job.status}: ${job.error ?? ''}`);
  return job.result as Record<string, unknown>;
}

/** Exports and returns the bundle's path (a copy outside the app's transfer folder). */
async function exportBundle(a: App, input: Parameters<typeof as<'bundles.export'>>[3]): Promise<string> {
  const { jobId } = await as(a, 'archivist', 'bundles.export', input);
  const r = await runJob(a, jobId);
  const file = a.transfers.download(String(r.downloadId));
  expect(file.name).toMatch(/^InspectDesk-数据包-\d{8}-\d{6}\.zip$/u);
  const copy = path.join(tempDir('bundle-out-'), file.name);
  fs.copyFileSync(file.path, copy);
  return copy;
}

async function importInto(a: App, zip: string, dryRun = false) {
  const up = a.transfers.saveUploadBytes(path.basename(zip), fs.readFileSync(zip));
  const { jobId } = await as(a, 'archivist', dryRun ? 'bundles.check' : 'bundles.import', { uploadId: up.uploadId });
  const r = await runJob(a, jobId);
  return as(a, 'archivist', 'bundles.report', { reportId: String(r.reportId) });
}

/** Every business table's rows, for "nothing changed" (bookkeeping of imports and the logs left out). */
function snapshot(a: App): string {
  return sql(a, (db) => {
    const tables = ['agencies', 'officers', 'enterprises', 'items', 'item_versions', 'inspections', 'inspection_team', 'inspection_items', 'inspection_events', 'rule_overrides', 'documents', 'attachments', 'case_files', 'case_file_entries', 'case_file_inspections', 'case_file_revisions', 'imported_audit', 'sync_conflicts', 'counters'];
    return JSON.stringify(tables.map((t) => (db.prepare(`SELECT * FROM ${t}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()));
  });
}

async function archivedCaseFile(x: ArchiveWorld): Promise<{ caseFileId: number; inspectionIds: number[] }> {
  const one = await closedInspection(x);
  const two = await closedInspection(x, { content: '第二次检查' }, false);
  const { id } = await as(x.a, 'archivist', 'caseFiles.create', { inspectionIds: [one.id, two.id] });
  let v = (await as(x.a, 'archivist', 'caseFiles.get', { id })).version;
  v = (await as(x.a, 'archivist', 'caseFiles.archive', { id, version: v })).version;
  const cf = await as(x.a, 'archivist', 'caseFiles.get', { id });
  const e = cf.entries[0];
  if (!e) throw new Error('no entries');
  await as(x.a, 'archivist', 'caseFiles.update', { id, version: v, entries: [{ id: e.id, pages: e.pages + 1, remark: '' }], reason: '更正页数' });
  return { caseFileId: id, inspectionIds: [one.id, two.id] };
}

describe('upload bundles', () => {
  it('round-trips a case file into an empty archive: standard tools verify it, records and files come back identical', async () => {
    const src = await world();
    const { caseFileId } = await archivedCaseFile(src);
    const zip = await exportBundle(src.a, { caseFileIds: [caseFileId] });

    // Anyone can check it without this software.
    const out = tempDir('bundle-unzip-');
    execFileSync('unzip', ['-q', zip, '-d', out]);
    const [bag] = fs.readdirSync(out);
    const check = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: path.join(out, bag ?? ''), encoding: 'utf8' });
    expect(check).toMatch(/data\/manifest\.json: OK/u);
    expect(check).not.toMatch(/FAILED/u);

    const sent = (await readBundle(zip, NOOP_IO)).manifest;
    expect(Object.keys(sent.records).sort()).toEqual(['agencies', 'attachments', 'case_file_entries', 'case_files', 'documents', 'enterprises', 'inspections', 'item_versions', 'items', 'officers'].sort());
    expect(sent.records.inspections).toHaveLength(2);
    expect(sent.audit.length).toBeGreaterThan(5);

    // An empty archive elsewhere: first a check (nothing written), then the import.
    const dst = await world();
    const before = snapshot(dst.a);
    const dry = await importInto(dst.a, zip, true);
    expect(dry.dryRun).toBe(true);
    expect(snapshot(dst.a)).toBe(before);
    const report = await importInto(dst.a, zip);
    expect(report.totals.conflicts).toBe(0);
    expect(report.byEntity.inspections).toMatchObject({ added: 2 });
    expect(report.byEntity.case_files).toMatchObject({ added: 1 });
    expect(report.totals.added).toBe(dry.totals.added);
    expect(report.filesAdded).toBeGreaterThan(0);
    expect(report.auditAdded).toBe(sent.audit.length);
    // The destination's own agency and enterprise (same name / credit code) were linked, not duplicated.
    expect(report.byEntity.agencies?.added ?? 0).toBe(0);
    expect(sql(dst.a, (db) => db.prepare('SELECT COUNT(*) FROM enterprises').pluck().get())).toBe(1);

    // Exported again from the destination: the same records, files and audit rows.
    const dstCase = (await as(dst.a, 'archivist', 'caseFiles.list', {})).rows[0];
    expect(dstCase?.archiveNo).toBe('J012-2025-0001');
    const back = (await readBundle(await exportBundle(dst.a, { caseFileIds: [dstCase?.id ?? 0] }), NOOP_IO)).manifest;
    expect(canonicalJson(back.records)).toBe(canonicalJson(sent.records));
    expect(back.documents.map((f) => f.sha256).sort()).toEqual(sent.documents.map((f) => f.sha256).sort());
    expect(back.attachments.map((f) => f.sha256).sort()).toEqual(sent.attachments.map((f) => f.sha256).sort());
    expect(back.audit.map((r) => r.hash).sort()).toEqual(sent.audit.map((r) => r.hash).sort());
    const audit = await as(dst.a, 'archivist', 'bundles.verifyImportedAudit', {});
    expect(audit).toMatchObject({ broken: 0, checked: sent.audit.length });
    expect((await ok(dst.a, 'audit.verify', {})).ok).toBe(true);

    // The imported inspections are archived and locked; the case file is searchable there.
    const hits = await as(dst.a, 'officer', 'archive.search', { q: '湘莲食品' });
    expect(hits.hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['case_file', 'inspection', 'document', 'enterprise']));

    // Importing the same bundle again changes nothing.
    const once = snapshot(dst.a);
    const again = await importInto(dst.a, zip);
    expect(again.totals).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    expect(snapshot(dst.a)).toBe(once);
  });

  it('updates what only the other side changed, reports what both changed, and lets an archivist decide', async () => {
    const src = await world();
    const { w } = src;
    await closedInspection(src, {}, false);
    const zip1 = await exportBundle(src.a, { from: '2025-09-01', to: '2025-09-30' });
    const dst = await world();
    await importInto(dst.a, zip1);
    const dstEnterprise = sql(dst.a, (db) => db.prepare('SELECT id, version FROM enterprises').get() as { id: number; version: number });

    // Only the source changes the officer's phone: the destination takes it.
    sql(src.a, (db) => db.prepare("UPDATE officers SET phone = '13907320001', version = version + 1 WHERE id = ?").run(w.officers.valid1));
    // Both change the enterprise (the destination via its own route).
    sql(src.a, (db) => db.prepare("UPDATE enterprises SET phone = '0731-11111111', version = version + 1").run());
    const e = await ok(dst.a, 'enterprises.get', { id: dstEnterprise.id }, 'officer');
    await ok(dst.a, 'enterprises.update', { id: e.id, version: e.version, creditCode: e.creditCode, name: e.name, kind: e.kind, address: e.address, phone: '0731-22222222' }, 'clerk');
    const zip2 = await exportBundle(src.a, { from: '2025-09-01', to: '2025-09-30' });
    const r = await importInto(dst.a, zip2);
    expect(r.byEntity.officers).toMatchObject({ updated: 1 });
    expect(sql(dst.a, (db) => db.prepare('SELECT phone FROM officers WHERE cert_no = ?').pluck().get('43030021000'))).toBe('13907320001');
    expect(r.totals.conflicts).toBeGreaterThanOrEqual(1);
    expect(r.conflicts).toContainEqual(expect.objectContaining({ entity: 'enterprises', label: expect.stringContaining('湘潭湘莲食品有限公司') }));
    // Not overwritten.
    expect(sql(dst.a, (db) => db.prepare('SELECT phone FROM enterprises').pluck().get())).toBe('0731-22222222');

    const conflicts = await as(dst.a, 'archivist', 'bundles.conflicts', { status: 'open' });
    const c = conflicts.find((x) => x.entity === 'enterprises');
    if (!c) throw new Error('no enterprise conflict');
    expect(c.local.phone).toBe('0731-22222222');
    expect(c.incoming.phone).toBe('0731-11111111');
    // Importing it again does not duplicate the conflict.
    await importInto(dst.a, zip2);
    expect((await as(dst.a, 'archivist', 'bundles.conflicts', { status: 'open' })).filter((x) => x.entity === 'enterprises')).toHaveLength(1);

    expect((await fail(dst.a, 'bundles.resolve', { id: c.id, decision: 'take_incoming' }, 'officer')).code).toBe('FORBIDDEN');
    await as(dst.a, 'archivist', 'bundles.resolve', { id: c.id, decision: 'take_incoming' });
    expect(sql(dst.a, (db) => db.prepare('SELECT phone FROM enterprises').pluck().get())).toBe('0731-11111111');
    expect((await fail(dst.a, 'bundles.resolve', { id: c.id, decision: 'keep_local' }, 'archivist')).message).toMatch(/已处理/u);
    // The decided record now matches: a third import skips it.
    const r3 = await importInto(dst.a, zip2);
    expect(r3.byEntity.enterprises).toMatchObject({ skipped: 1, conflicts: 0 });
    // The enterprise search still finds the enterprise under its (unchanged) name.
    expect((await ok(dst.a, 'enterprises.search', { q: '湘莲' }, 'officer')).rows).toHaveLength(1);
  });

  it('refuses a damaged bundle before writing anything', async () => {
    const src = await world();
    await closedInspection(src);
    const zip = await exportBundle(src.a, { from: '2025-01-01', to: '2025-12-31' });
    const bytes = fs.readFileSync(zip);
    // Flip one byte inside the photo's stored data (the last JPEG file of the payload).
    const at = bytes.lastIndexOf(Buffer.from([0xff, 0xd8]));
    bytes[at + 40] = (bytes[at + 40] ?? 0) ^ 0xff;
    const bad = path.join(tempDir('bad-bundle-'), '损坏的数据包.zip');
    fs.writeFileSync(bad, bytes);
    const dst = await world();
    const before = snapshot(dst.a);
    const filesBefore = fs.readdirSync(path.join(dst.a.dataDir, 'files', 'sha256')).length;
    const up = dst.a.transfers.saveUploadBytes('损坏的数据包.zip', bytes);
    const { jobId } = await as(dst.a, 'archivist', 'bundles.import', { uploadId: up.uploadId });
    const job = await dst.a.waitForJob(jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/校验|CRC|已拒绝导入|损坏/u);
    expect(snapshot(dst.a)).toBe(before);
    expect(fs.readdirSync(path.join(dst.a.dataDir, 'files', 'sha256')).length).toBe(filesBefore);
    expect((await fail(dst.a, 'bundles.import', { uploadId: dst.a.transfers.saveUploadBytes('名单.xlsx', Buffer.from('x')).uploadId }, 'archivist')).message).toMatch(/不是数据包/u);
  });

  it('links an enterprise both offices registered (same credit code, different uuid) instead of duplicating it', async () => {
    const src = await world();
    await closedInspection(src, {}, false);
    const zip = await exportBundle(src.a, { agencyId: src.w.agencyId });
    const dst = await world();
    // The destination registered the agency, its officers and the enterprise itself (own uuids);
    // its enterprise differs in its phone: a conflict, but the inspection attaches to it.
    sql(dst.a, (db) => {
      for (const t of ['agencies', 'officers', 'enterprises', 'items']) db.prepare(`UPDATE ${t} SET uuid = '0190' || substr(uuid, 5)`).run();
      db.prepare("UPDATE enterprises SET phone = '0731-99999999'").run();
    });
    const r = await importInto(dst.a, zip);
    expect(r.byEntity.enterprises).toMatchObject({ conflicts: 1 });
    expect(r.byEntity.inspections).toMatchObject({ added: 1 });
    const [row] = sql(dst.a, (db) => db.prepare('SELECT i.enterprise_id, e.phone FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id').all()) as { phone: string }[];
    expect(row?.phone).toBe('0731-99999999');
    expect(sql(dst.a, (db) => db.prepare('SELECT COUNT(*) FROM uuid_aliases').pluck().get())).toBeGreaterThanOrEqual(4);
    expect(sql(dst.a, (db) => db.prepare('SELECT COUNT(*) FROM agencies').pluck().get())).toBe(2);
  });
});
