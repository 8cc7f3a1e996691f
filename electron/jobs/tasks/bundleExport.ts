import Database from 'better-sqlite3';
import fs from 'node:fs';
import { writeBundle } from '../../bundle/write';
import { configure } from '../../db/database';
import { FileStore } from '../../files/store';
import { Transfers } from '../../files/transfers';
import { buildBundle, shanghaiIso, type ExportSelection } from '../../services/archive/exportBundle';
import { diskError } from '../../services/archive/paths';
import { JobCancelled, type Task } from '../protocol';

/**
 * Upload bundle export: the records of the selection read in one transaction
 * (services/archive/exportBundle.ts), written by writeBundle to a scratch file (".partial" until
 * complete), offered as a download; the exported versions are then recorded as shared
 * (`sync_state`), the base the next import compares against.
 */
export const bundleExportTask: Task = async (input, io) => {
  const sel = (input.params.selection ?? {}) as ExportSelection;
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
  const store = new FileStore(input.dataDir);
  const t = new Transfers(input.dataDir);
  const file = t.scratchPath('.zip');
  try {
    const now = new Date();
    const built = buildBundle(db, sel, { now, appVersion: typeof input.params.appVersion === 'string' ? input.params.appVersion : '0.0.0', io, store });
    const w = await writeBundle(file, built.content, io, { store });
    const at = now.toISOString();
    const up = db.prepare(
      'INSERT INTO sync_state (entity, uuid, version, content_sha256, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, uuid) DO UPDATE SET version = excluded.version, content_sha256 = excluded.content_sha256, at = excluded.at',
    );
    db.transaction(() => {
      for (const s of built.shared) up.run(s.entity, s.uuid, s.version, s.sha, at);
    }).immediate();
    const name = `InspectDesk-数据包-${shanghaiIso(now).slice(0, 19).replace(/[-:]/gu, '').replace('T', '-')}.zip`;
    const { downloadId } = t.offerDownload(file, name, 'application/zip');
    const records = Object.values(built.counts).reduce((n, c) => n + (c ?? 0), 0);
    return { downloadId, fileName: name, bytes: w.bytes, records, files: w.payloadFiles - 1, manifestSha256: w.manifestSha256, caseFiles: built.counts.case_files ?? 0, inspections: built.counts.inspections ?? 0 };
  } catch (e) {
    fs.rmSync(file, { force: true });
    if (e instanceof JobCancelled) throw e;
    throw diskError(e, '数据包导出', t.downloadDir);
  } finally {
    db.close();
  }
};
