import { createHash } from 'node:crypto';
import { BUNDLE_ENTITY_TYPES, type BundleEntityType, type BundleManifest } from '../../../shared/schemas/bundle';
import type { ImportReport } from '../../../shared/api/archive';
import { shanghaiDate } from '../../../shared/calendar';
import { readBundle } from '../../bundle/read';
import { canonicalJson } from '../../bundle/write';
import type { Db } from '../../db/database';
import type { FileStore } from '../../files/store';
import type { TaskIO } from '../../jobs/protocol';
import { appendAudit, rowHash } from '../audit';
import { writeCaseFileChildren, writeInspectionChildren, writeRow, type Importer } from './apply';
import { afterImport } from './afterImport';
import { Planner, type Decision } from './merge';
import { contentHash, SPECS, type Json } from './records';

/**
 * Importing an upload bundle: readBundle verifies everything first (a refused bundle writes
 * nothing); the files go into the content-addressed store (idempotent, invisible until a record
 * points at them); then every record is merged in ONE transaction (merge.ts decides, apply.ts
 * writes), parents before children, with foreign-key checks deferred to the commit. Cancelling
 * or any failure rolls the whole merge back. A dry run ("check") verifies and decides without
 * writing anything.
 */

export interface ImportOptions {
  db: Db;
  files: FileStore;
  zipPath: string;
  fileName: string;
  dryRun: boolean;
  importer: Importer & { username: string; displayName: string };
  now: Date;
  io: TaskIO;
}

const zero = () => ({ added: 0, updated: 0, skipped: 0, conflicts: 0 });
const COUNT_KEY = { add: 'added', update: 'updated', skip: 'skipped', conflict: 'conflicts' } as const;

export async function importBundle(o: ImportOptions): Promise<ImportReport> {
  const reader = await readBundle(o.zipPath, o.io);
  const m = reader.manifest;
  const bundleId = createHash('sha256').update(canonicalJson(m)).digest('hex');
  const inBundle = new Map([...m.documents, ...m.attachments].map((f) => [f.sha256, f]));
  let filesAdded = 0;
  let filesPresent = 0;
  let bytes = 0;
  const total = [...inBundle.values()].reduce((n, f) => n + f.size, 0);
  for (const f of inBundle.values()) {
    if (o.files.has(f.sha256)) filesPresent++;
    else {
      if (!o.dryRun) await o.files.putStream(reader.openFile(f.path), f.sha256);
      filesAdded++;
    }
    bytes += f.size;
    o.io.checkCancelled();
    o.io.progress('存入档案文件', bytes, total);
  }
  const report: ImportReport = {
    bundleId,
    fileName: o.fileName,
    office: m.office.name,
    exportedAt: m.exportedAt,
    selection: describeSelection(m),
    dryRun: o.dryRun,
    byEntity: {},
    totals: zero(),
    filesAdded,
    filesPresent,
    auditAdded: 0,
    auditRejected: 0,
    conflicts: [],
    skippedNotes: [],
  };
  const run = () => merge(o, m, report, (sha) => inBundle.has(sha) || o.files.has(sha));
  if (o.dryRun) o.db.transaction(run)();
  else o.db.transaction(run).immediate();
  return report;
}

function describeSelection(m: BundleManifest): string {
  const s = m.selection;
  if (s.kind === 'dateRange') return `${s.from} 至 ${s.to}${s.note ? `（${s.note}）` : ''}`;
  if (s.kind === 'records') return `${s.note ? `${s.note}；` : ''}选定的 ${s.uuids.length} 条${s.entity === 'case_files' ? '案卷' : '记录'}`;
  return '全部档案';
}

function merge(o: ImportOptions, m: BundleManifest, report: ImportReport, hasFile: (sha: string) => boolean): void {
  const db = o.db;
  if (!o.dryRun) db.pragma('defer_foreign_keys = ON');
  const planner = new Planner(db, m, hasFile);
  const total = Object.values(m.records).reduce((n, l) => n + (l?.length ?? 0), 0);
  let done = 0;
  const touched = new Map<BundleEntityType, number[]>();
  for (const type of BUNDLE_ENTITY_TYPES) {
    const list = m.records[type] ?? [];
    if (!SPECS[type]) {
      if (list.length) report.skippedNotes.push(`本软件暂不导入“${type}”类记录（${list.length} 条）`);
      continue;
    }
    o.io.checkCancelled();
    o.io.progress(o.dryRun ? '预演合并' : '合并记录', done, total);
    const decisions = planner.plan(type);
    for (const d of [...decisions.filter((x) => x.action === 'update'), ...decisions.filter((x) => x.action !== 'update')]) {
      tally(report, type, d);
      if (!o.dryRun) {
        const id = write(o, planner, d, report.bundleId);
        if (id !== null) touched.set(type, [...(touched.get(type) ?? []), id]);
      }
      if (++done % 100 === 0) {
        o.io.checkCancelled();
        o.io.progress(o.dryRun ? '预演合并' : '合并记录', done, total);
      }
    }
  }
  if (!o.dryRun) {
    const alias = db.prepare('INSERT INTO uuid_aliases (entity, foreign_uuid, local_uuid) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    for (const [t, f, l] of planner.newAliases) alias.run(t, f, l);
    report.skippedNotes.push(...afterImport(db, touched, shanghaiDate(o.now)));
  }
  importAudit(o, m, report);
  o.io.progress(o.dryRun ? '预演合并' : '合并记录', total, total);
  if (!o.dryRun) {
    const at = o.now.toISOString();
    db.prepare(
      `INSERT INTO bundle_imports (bundle_id, file_name, office_name, office_uuid, exported_at, imported_at, imported_by_name, added, updated, skipped, conflicts, files_added, audit_added, report)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(report.bundleId, o.fileName, m.office.name, m.office.agencyUuid, m.exportedAt, at, o.importer.displayName, report.totals.added, report.totals.updated, report.totals.skipped, report.totals.conflicts, report.filesAdded, report.auditAdded, JSON.stringify(report));
    const t = report.totals;
    appendAudit(db, { userId: o.importer.id, username: o.importer.username }, 'bundles.import', { entity: 'bundle', entityId: report.bundleId.slice(0, 16), summary: `导入数据包“${o.fileName}”（${m.office.name}，${m.exportedAt}）：新增 ${t.added}，更新 ${t.updated}，跳过 ${t.skipped}，冲突 ${t.conflicts}；文件新增 ${report.filesAdded}；外单位日志 ${report.auditAdded} 条` }, o.now);
  }
}

function tally(report: ImportReport, type: BundleEntityType, d: Decision): void {
  const k = COUNT_KEY[d.action];
  const e = (report.byEntity[type] ??= zero());
  e[k]++;
  report.totals[k]++;
  if (type === 'case_files' && d.entries.length) {
    (report.byEntity.case_file_entries ??= zero())[k] += d.entries.length;
    report.totals[k] += d.entries.length;
  }
  if (d.action === 'conflict') report.conflicts.push({ entity: type, uuid: d.localUuid, label: d.spec.label(d.norm), reason: d.reason });
}

/** Writes one decision; returns the local id of an added or updated record. */
function write(o: ImportOptions, planner: Planner, d: Decision, bundleId: string): number | null {
  const db = o.db;
  const sync = (version: number) =>
    db
      .prepare('INSERT INTO sync_state (entity, uuid, version, content_sha256, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, uuid) DO UPDATE SET version = excluded.version, content_sha256 = excluded.content_sha256, at = excluded.at')
      .run(d.spec.type, d.localUuid, version, contentHash(d.norm), o.now.toISOString());
  switch (d.action) {
    case 'conflict': {
      const takeable = d.localId !== null && db.prepare(`SELECT 1 FROM ${d.spec.table} WHERE uuid = ?`).get(d.localUuid) !== undefined && !/不可更改|另一案卷|现行/u.test(d.reason);
      db.prepare(
        `INSERT INTO sync_conflicts (bundle_id, entity, uuid, reason, local_version, local_record, incoming_version, incoming_record, incoming_sha256, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, uuid, incoming_sha256) DO NOTHING`,
      ).run(bundleId, d.spec.type, d.localUuid, d.reason, Number(d.local?.version ?? 0), JSON.stringify(d.local ?? {}), Number(d.incoming.version), JSON.stringify({ ...d.norm, _entries: d.entries, _takeable: takeable }), contentHash(d.incoming), o.now.toISOString());
      return null;
    }
    case 'skip':
      if (d.localId !== null && !d.reason.startsWith('本地版本较新')) sync(Number(d.incoming.version));
      return null;
    case 'add':
    case 'update': {
      const id = d.action === 'add' ? (planner.resolve(d.spec.type, d.localUuid) as number) : (d.localId as number);
      writeRow(db, d.spec, d.norm, d.action === 'add' ? 'insert' : 'update', id, d.localUuid, planner.resolve, o.importer);
      if (d.spec.type === 'inspections') writeInspectionChildren(db, id, d.norm, planner.resolve);
      if (d.spec.type === 'case_files') writeCaseFileChildren(db, id, d.norm, d.entries, planner.resolve, o.importer);
      sync(Number(d.incoming.version));
      return id;
    }
    default:
      return d.action satisfies never;
  }
}

/** Other offices' audit rows: each re-checked by its hash, kept apart from the local chain (`imported_audit`). */
function importAudit(o: ImportOptions, m: BundleManifest, report: ImportReport): void {
  const mine = o.db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  const known = o.db.prepare('SELECT 1 FROM imported_audit WHERE hash = ?').pluck();
  const ins = o.db.prepare(
    `INSERT INTO imported_audit (bundle_id, office_uuid, seq, at, user_id, username, route, entity, entity_id, summary, prev_hash, hash, record_entity, record_uuid, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
  );
  for (const a of m.audit) {
    const h = rowHash({ id: a.seq, at: a.at, user_id: a.userId, username: a.username, route: a.route, entity: a.entity, entity_id: a.entityId, summary: a.summary, prev_hash: a.prevHash });
    if (h !== a.hash) {
      report.auditRejected++;
      continue;
    }
    if (mine.get(a.seq) === a.hash || known.get(a.hash)) continue;
    report.auditAdded++;
    if (!o.dryRun) ins.run(report.bundleId, m.office.agencyUuid, a.seq, a.at, a.userId, a.username, a.route, a.entity, a.entityId, a.summary, a.prevHash, a.hash, a.record.entity, a.record.uuid, o.now.toISOString());
  }
}

export type { Json };
