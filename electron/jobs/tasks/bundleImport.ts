import Database from 'better-sqlite3';
import fs from 'node:fs';
import { configure } from '../../db/database';
import { FileStore } from '../../files/store';
import { Transfers } from '../../files/transfers';
import { importBundle } from '../../services/archive/importBundle';
import { diskError } from '../../services/archive/paths';
import { JobCancelled, type Task } from '../protocol';

/**
 * Bundle check (verify + the merge decided, nothing written) and import (verify, files into the
 * store, one transaction): services/archive/importBundle.ts. The full report (with every
 * conflict) goes to a JSON read back by `bundles.report`; the job result keeps the counts only,
 * since it is also written to the audit log.
 */
export const bundleImportTask: Task = async (input, io) => {
  const p = input.params;
  const t = new Transfers(input.dataDir);
  if (typeof p.uploadId !== 'string') throw new Error('job parameter uploadId missing');
  const upload = t.upload(p.uploadId);
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
  try {
    const report = await importBundle({
      db,
      files: new FileStore(input.dataDir),
      zipPath: upload.path,
      fileName: upload.name,
      dryRun: p.dryRun === true,
      importer: { id: Number(p.userId), username: String(p.username), displayName: String(p.displayName) },
      now: new Date(),
      io,
    });
    const json = t.scratchPath('.json');
    fs.writeFileSync(json, JSON.stringify(report));
    const { downloadId } = t.offerDownload(json, `${report.dryRun ? '数据包校验报告' : '数据包导入报告'}.json`, 'application/json');
    return { reportId: downloadId, dryRun: report.dryRun, ...report.totals, filesAdded: report.filesAdded, auditAdded: report.auditAdded };
  } catch (e) {
    if (e instanceof JobCancelled) throw e;
    throw diskError(e, '数据包导入', input.dataDir);
  } finally {
    db.close();
  }
};
