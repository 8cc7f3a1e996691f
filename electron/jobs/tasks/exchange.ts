import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { enterpriseExportInput, importModeSchema, importKindSchema, mappingSchema } from '../../../shared/api/exchange';
import { IMPORT_KIND_LABELS } from '../../../shared/schemas/importFields';
import { bulkCache, configure } from '../../db/database';
import { Transfers } from '../../files/transfers';
import { previewImport } from '../../import/preview';
import { parseInThread, serveParser, type ParseRequest } from '../../import/parsed';
import { runImport } from '../../import/run';
import type { Task, TaskIO, WorkerInput } from '../protocol';

/** Import and export jobs (routes in electron/services/exchange.ts); each opens its own connection. */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`job parameter ${what} missing`);
  return v;
}

function openDb(dbPath: string, readonly: boolean): Database.Database {
  const db = new Database(dbPath, { fileMustExist: true, readonly });
  if (!readonly) configure(db);
  else db.pragma('busy_timeout = 5000');
  return db;
}

/** 今天 as YYYYMMDD in local time, for file names people recognise. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

function offerReport(t: Transfers, file: string, kept: boolean, label: string): string | null {
  if (!kept) return null;
  return t.offerDownload(file, `${label}导入错误报告-${today()}.xlsx`, XLSX_MIME).downloadId;
}

/** Reads the file as the import would and stores what it found (JSON) for imports.previewResult. */
export const importPreviewTask: Task = async (input, io) => {
  const p = input.params;
  const kind = importKindSchema.parse(p.kind);
  const t = new Transfers(input.dataDir);
  const upload = t.upload(str(p.uploadId, 'uploadId'));
  const db = openDb(input.dbPath, true);
  try {
    const reportPath = t.scratchPath('.xlsx');
    const { preview, report } = await previewImport({
      file: upload.path,
      fileName: upload.name,
      kind,
      ...(p.mapping ? { mapping: mappingSchema.parse(p.mapping) } : {}),
      scan: p.scan === 'head' ? 'head' : 'full',
      db,
      reportPath,
      io,
    });
    const reportDownloadId = offerReport(t, reportPath, report, IMPORT_KIND_LABELS[kind]);
    const json = t.scratchPath('.json');
    fs.writeFileSync(json, JSON.stringify({ ...preview, reportDownloadId }));
    const previewId = t.offerDownload(json, '导入预览.json', 'application/json').downloadId;
    // Only counts go into the job result: it is also written to the audit log.
    return { previewId, total: preview.total, valid: preview.valid, invalid: preview.invalid };
  } finally {
    db.close();
  }
};

/**
 * The reading thread of an import: this worker file started again by the import job with
 * `role: 'parser'`. It reads and checks the file and posts the rows (import/parsed.ts); it never
 * finishes on its own — the job terminates it.
 */
async function serveAsParser(input: WorkerInput, io: TaskIO): Promise<never> {
  const port = parentPort;
  if (!port) throw new Error('parser started outside a worker thread');
  const p = input.params;
  await serveParser({ file: str(p.file, 'file'), kind: importKindSchema.parse(p.kind), mapping: mappingSchema.parse(p.mapping) }, io, port);
  return new Promise<never>(() => undefined);
}

/**
 * With a second core the file is read and checked in a thread of its own while this one writes
 * (measured: tests/bench/import.bench.ts); with one core, here.
 */
function parserFor(input: WorkerInput): ((req: ParseRequest) => ReturnType<typeof parseInThread>) | undefined {
  if (os.availableParallelism() < 2) return undefined;
  return (req) => parseInThread(__filename, { ...input, params: { role: 'parser', ...req } } satisfies WorkerInput);
}

/** The import: one transaction, rolled back on cancel, failure or (all-or-nothing) any bad row. */
export const importRunTask: Task = async (input, io) => {
  const p = input.params;
  if (p.role === 'parser') return serveAsParser(input, io);
  const kind = importKindSchema.parse(p.kind);
  const mode = importModeSchema.parse(p.mode);
  const t = new Transfers(input.dataDir);
  const upload = t.upload(str(p.uploadId, 'uploadId'));
  const db = openDb(input.dbPath, false);
  bulkCache(db);
  try {
    const reportPath = t.scratchPath('.xlsx');
    const parse = parserFor(input);
    const r = await runImport({
      file: upload.path,
      fileName: upload.name,
      kind,
      mapping: mappingSchema.parse(p.mapping),
      mode,
      db,
      at: new Date(),
      actor: { userId: typeof p.userId === 'number' ? p.userId : null, username: typeof p.username === 'string' ? p.username : null },
      expectedRows: typeof p.expectedRows === 'number' ? p.expectedRows : 0,
      reportPath,
      io,
      ...(parse ? { parse } : {}),
    });
    const reportDownloadId = offerReport(t, reportPath, r.report, IMPORT_KIND_LABELS[kind]);
    return { kind, mode, written: r.written, total: r.total, new: r.new, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, errorCount: r.errorCount, reportDownloadId };
  } finally {
    db.close();
  }
};

/** The enterprise list under its current filters, as .xlsx. */
export const exportEnterprisesTask: Task = async (input, io) => {
  const filters = enterpriseExportInput.parse(input.params.filters ?? {});
  const t = new Transfers(input.dataDir);
  const db = openDb(input.dbPath, true);
  const file = t.scratchPath('.xlsx');
  try {
    io.progress('导出', 0, 0);
    // Loaded here, not with this module: exceljs takes ~0.2 s to load, which an import need not pay.
    const { exportEnterprises } = await import('../../import/exportEnterprises');
    const rows = await exportEnterprises(db, filters, file, io);
    const fileName = `经营主体名录-${today()}.xlsx`;
    const { downloadId } = t.offerDownload(file, fileName, XLSX_MIME);
    return { downloadId, rows, fileName };
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  } finally {
    db.close();
  }
};
