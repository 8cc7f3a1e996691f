import type { ImportMode } from '../../shared/api/exchange';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../shared/schemas/importFields';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import type { TaskIO } from '../jobs/protocol';
import { appendAudit, type AuditActor } from '../services/audit';
import type { Mapping } from './mapping';
import { ErrorReport } from './report';
import { parseHere, type ParseRequest, type ParsedSource } from './parsed';
import { RowValidator, displayValue, type RowError } from './validate';
import { createWriter, type Outcome, type Rejection } from './writers';

export interface RunOptions {
  file: string;
  fileName: string;
  kind: ImportKind;
  mapping: Mapping;
  mode: ImportMode;
  db: Db;
  /** The time stamped on every record written. */
  at: Date;
  actor: AuditActor;
  /** Rows the preview counted, for the progress bar (0 when unknown). */
  expectedRows: number;
  /** Where the error report is written (removed again when there is nothing to report). */
  reportPath: string;
  io: TaskIO;
  /** Where the file is read and checked: here by default, or in a thread of its own (parsed.ts). */
  parse?: (req: ParseRequest) => Promise<ParsedSource<ImportKind>>;
}

export interface RunOutcome {
  written: boolean;
  total: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  /** True when the report file at `reportPath` was kept. */
  report: boolean;
}

/** The reason a row the archive refused goes into the report under. */
export function rejectionError(row: number, r: Rejection, label: (field: string) => string, value: string): RowError {
  return { row, column: label(r.field), value, reason: r.reason };
}

/**
 * The import proper: streams the rows, checks each and writes it, all inside ONE transaction
 * opened on this connection. A cancel (checked every few hundred rows), any failure, or
 * "all or nothing" with a single bad row rolls the whole transaction back, so the archive is
 * exactly as before. Memory stays flat: rows are not kept, errors go straight to the report.
 */
export async function runImport(o: RunOptions): Promise<RunOutcome> {
  const { db, io, kind } = o;
  io.progress('读取', 0, o.expectedRows);
  const src = await (o.parse ?? parseHere)({ file: o.file, kind, mapping: o.mapping });
  if (src.missingRequired.length > 0) {
    await src.close();
    throw new AppError('INVALID_INPUT', `文件缺少必需的列：${src.missingRequired.join('、')}。请在「对应列」中指定这些列后再导入`);
  }
  // Only for the report's column labels: the rows arrive checked.
  const labels = new RowValidator(kind, src.mapping, src.headers);
  const mapped = new Set(Object.entries(src.mapping).filter(([, c]) => c !== null).map(([k]) => k));
  const at = o.at.toISOString();
  const report = new ErrorReport(o.reportPath);
  const counts = { total: 0, new: 0, updated: 0, unchanged: 0, rejected: 0 };
  let inTransaction = false;
  let finished = false;
  let reported = 0;
  try {
    const writer = createWriter(kind, { db, at, userId: o.actor.userId, mapped });
    // The write lock is taken here and held to the end: the main process reads on (WAL) meanwhile.
    db.exec('BEGIN IMMEDIATE');
    inTransaction = true;
    for await (const batch of src.batches) {
      for (const { cells, checked, keys } of batch) {
        counts.total++;
        if (!checked.ok) {
          counts.rejected++;
          for (const e of checked.errors) report.add(e);
          continue;
        }
        // All or nothing: once a row is bad nothing will be kept, so only check the rest.
        const dryRun = o.mode === 'allOrNothing' && counts.rejected > 0;
        const outcome: Outcome | Rejection = writer.write(checked.data, dryRun, keys);
        if (typeof outcome === 'object') {
          counts.rejected++;
          const col = src.mapping[outcome.field];
          const value = col === null || col === undefined ? '' : displayValue(cells[col]);
          report.add(rejectionError(checked.row, outcome, (f) => labels.label(f), value));
          continue;
        }
        counts[outcome]++;
      }
      // Once per batch (a chunk of the file, a few hundred rows): a cancel point; progress every thousand rows or so.
      io.checkCancelled();
      if (counts.total - reported >= 1000) {
        reported = counts.total;
        io.progress('校验并写入', counts.total, Math.max(o.expectedRows, counts.total));
      }
    }
    io.checkCancelled();
    if (counts.total === 0) throw new AppError('INVALID_INPUT', '文件中只有表头，没有可导入的数据行');
    const written = !(o.mode === 'allOrNothing' && counts.rejected > 0);
    if (written) {
      io.progress('更新搜索索引并提交', counts.total, counts.total);
      writer.flush();
      const label = IMPORT_KIND_LABELS[kind];
      appendAudit(db, o.actor, 'imports.start', {
        entity: kind,
        summary: `导入${label}（文件 ${o.fileName}）：共 ${counts.total} 行，新增 ${counts.new}，更新 ${counts.updated}，无变化 ${counts.unchanged}，未导入 ${counts.rejected}`,
      }, o.at);
      db.exec('COMMIT');
    } else {
      db.exec('ROLLBACK');
    }
    inTransaction = false;
    io.progress('生成错误报告', counts.total, counts.total);
    const kept = await report.finish();
    finished = true;
    const zero = { new: 0, updated: 0, unchanged: 0 };
    return { written, ...counts, ...(written ? {} : zero), errorCount: report.errors, report: kept };
  } finally {
    if (inTransaction) db.exec('ROLLBACK');
    if (!finished) await report.discard();
    await src.close();
  }
}
