import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import type { FileStore } from '../../files/store';
import type { Transfers } from '../../files/transfers';
import type { TaskIO } from '../../jobs/protocol';
import { appendAudit } from '../audit';
import { readRuleSettings } from '../inspections/settings';
import { shanghaiDate } from '../../../shared/calendar';
import type { BatchResult, InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import { AppError } from '../../errors';
import { loadInspection, loadOffice } from './context';
import { NUMBER_PLACEHOLDER, agencyAbbr, mapDocument } from './mapper';
import { advanceCounter, applies, fileNameFor, peekSerial, registerDocument } from './records';
import { checkData, renderDocument } from './render';
import { counterScope, formatNumber, qrSecret } from './settings';
import { ZipSink } from './zipSink';

/**
 * Batch generation (the documents.batch job), on both cores: the job's thread maps inspections
 * to document data on demand, hands them out, zips and registers; the building (and storing by
 * hash) happens in `Lane`s — build threads given by the task, one per core, each kept busy with
 * two requests in flight.
 *
 * Numbering is optimistic and all-or-nothing: the last serial is read at the start, documents
 * are built with the following serials, and one transaction at the end registers them all and
 * moves the counter only if it still holds the value read (compare-and-set). Interactive
 * generation of the same kind is refused while the batch runs (services/documents/batch.ts), so
 * the check never fails in practice; if it did, nothing is registered and the job fails. A
 * cancelled or failed batch registers nothing, takes no number, and its zip — written under a
 * scratch name — is removed; files already stored by hash stay in the store unreferenced.
 */

export interface BuildItem {
  index: number;
  kind: InspectionDocumentKind;
  /** Checked data (checkData's output) with the document's number in it. */
  data: Record<string, unknown>;
}

export interface Built {
  index: number;
  sha256: string;
  bytes: number;
  buffer: Uint8Array;
}

/** Somewhere documents are built and stored: this thread, or a build thread. */
export interface Lane {
  /** Builds and starts storing; resolves once built (the stores may still be running). */
  build(items: BuildItem[], officeSecret: string | undefined): Promise<Built[]>;
  /** Resolves when everything built so far is stored (rejects if a store failed). */
  flush(): Promise<void>;
}

/** Builds in the calling thread; each file is stored by hash in the background (see `flush`). */
export function localLane(files: FileStore): Lane {
  let writes: Promise<void>[] = [];
  return {
    build(items, officeSecret) {
      return Promise.resolve(
        items.map((it) => {
          const buffer = renderDocument(it.kind, it.data, { officeSecret, validated: true });
          const sha256 = createHash('sha256').update(buffer).digest('hex');
          const write = files.putBufferAsync(buffer).then(() => undefined);
          write.catch(() => undefined); // reported by flush(), not as an unhandled rejection
          writes.push(write);
          return { index: it.index, sha256, bytes: buffer.byteLength, buffer };
        }),
      );
    },
    async flush() {
      const now = writes;
      writes = [];
      await Promise.all(now);
    },
  };
}

export interface BatchParams {
  kind: InspectionDocumentKind;
  inspectionIds: number[];
  /** The request's time (UTC ISO): the documents' date and registration time. */
  at: string;
  userId: number | null;
  username: string | null;
}

interface Planned {
  inspectionId: number;
  number: string | null;
  serial: number | null;
  fileName: string;
  inspectionNumber: string;
  enterpriseName: string;
}

const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

export async function runBatch(
  db: Db,
  transfers: Transfers,
  p: BatchParams,
  io: TaskIO,
  lanes: { lane: Lane; chunk: number; thread: number }[],
): Promise<BatchResult> {
  const { kind } = p;
  const title = DOCUMENT_KINDS[kind];
  const day = shanghaiDate(p.at);
  const year = Number(day.slice(0, 4));
  const office = loadOffice(db, day);
  const follows = readRuleSettings(db).followsXiangtanFiling;
  const pattern = office.settings.patterns[kind].trim();
  const scope = counterScope(kind);
  const base = peekSerial(db, scope, year);
  const secret = kind === 'inspectionNotice' ? qrSecret(db) : undefined;
  const ids = [...new Set(p.inspectionIds)];
  const total = ids.length;

  const skipped: BatchResult['skipped'] = [];
  const planned: Planned[] = [];
  let cursor = 0;
  /** Maps the next inspections until `k` can be built; skipped ones are recorded with the reason. */
  const take = (k: number): BuildItem[] => {
    const out: BuildItem[] = [];
    while (out.length < k && cursor < ids.length) {
      const id = ids[cursor++]!;
      try {
        const c = loadInspection(db, id);
        const skip = (why: string) => skipped.push({ inspectionId: id, number: c.row.number, enterpriseName: c.enterprise.name, reason: why });
        if (!applies(kind, c, follows)) {
          skip(c.row.merged_into !== null ? '已并入其他任务' : `该检查不需要《${title}》`);
          continue;
        }
        const data = mapDocument(db, kind, c, office, { docNumber: pattern ? NUMBER_PLACEHOLDER : undefined, issueDate: day });
        const chk = checkData(kind, data);
        const abbr = agencyAbbr(c, office);
        if (!chk.ok || (pattern && !abbr)) {
          const missing = chk.ok ? [] : [...chk.missing];
          if (pattern && !abbr) missing.push('机关简称');
          skip([missing.length ? `缺少：${missing.join('、')}` : '', chk.ok || !chk.invalid.length ? '' : `填写有误：${chk.invalid.join('；')}`].filter(Boolean).join('；'));
          continue;
        }
        const serial = pattern ? base + planned.length + 1 : null;
        const number = serial === null ? null : formatNumber(pattern, { abbr, year, serial });
        // The checked data (defaults applied) with its number: the build threads need not check it again.
        const parsed = chk.data as Record<string, unknown>;
        if (number && 'docNumber' in parsed) parsed.docNumber = number;
        out.push({ index: planned.length, kind, data: parsed });
        planned.push({ inspectionId: id, number, serial, fileName: fileNameFor(kind, number, c.enterprise.name, c.row.number), inspectionNumber: c.row.number, enterpriseName: c.enterprise.name });
      } catch (e) {
        skipped.push({ inspectionId: id, number: `#${id}`, enterpriseName: '', reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  };

  const stored: { sha256: string; bytes: number }[] = [];
  const builtBy = [...new Set(lanes.map((l) => l.thread))].map(() => 0);
  const zip = new ZipSink(transfers.scratchPath('.zip'));
  let stop = false;
  const laneLoop = async (lane: Lane, chunk: number, thread: number) => {
    while (!stop) {
      io.checkCancelled();
      const items = take(chunk);
      if (!items.length) return;
      for (const b of await lane.build(items, secret)) {
        stored[b.index] = { sha256: b.sha256, bytes: b.bytes };
        zip.add(planned[b.index]!.fileName, b.buffer);
        builtBy[thread] = (builtBy[thread] ?? 0) + 1;
      }
      io.progress('生成文书', cursor, total);
      await yieldToEvents();
    }
  };
  const result: BatchResult = {
    kind,
    generated: 0,
    firstNumber: null,
    lastNumber: null,
    skipped: [],
    skippedCount: 0,
    downloadId: null,
    fileName: null,
    builtBy,
  };
  try {
    io.progress('生成文书', 0, total);
    try {
      await Promise.all(lanes.map((l) => laneLoop(l.lane, l.chunk, l.thread)));
    } finally {
      stop = true;
    }
    // Every file is in the store before anything refers to it.
    await Promise.all([...new Set(lanes.map((l) => l.lane))].map((l) => l.flush()));
    io.checkCancelled();
    Object.assign(result, {
      generated: planned.length,
      firstNumber: planned[0]?.number ?? null,
      lastNumber: planned[planned.length - 1]?.number ?? null,
      skipped: skipped.slice(0, 100),
      skippedCount: skipped.length,
    });
    if (!planned.length) {
      await zip.abort();
      return result;
    }

    io.progress('打包下载文件', total, total);
    zip.add(`${title}清单.csv`, csv([['序号', '文号', '检查编号', '被检查单位', '文件名'], ...planned.map((d, i) => [String(i + 1), d.number ?? '', d.inspectionNumber, d.enterpriseName, d.fileName])]), true);
    if (skipped.length) zip.add('未生成清单.csv', csv([['检查编号', '被检查单位', '未生成原因'], ...skipped.map((x) => [x.number, x.enterpriseName, x.reason])]), true);
    await zip.finish();
    io.checkCancelled();
    io.progress('登记文书', total, total);
    db.transaction(() => {
      if (pattern && !advanceCounter(db, scope, year, base, base + planned.length)) {
        throw new AppError('CONFLICT', `批量生成期间《${title}》的文号已被占用，未登记任何文书，请重新批量生成`);
      }
      planned.forEach((d, i) => {
        const b = stored[i]!;
        registerDocument(db, { inspectionId: d.inspectionId, kind, format: 'docx', number: d.number, year: d.serial === null ? null : year, serial: d.serial, period: null, sha256: b.sha256, bytes: b.bytes, fileName: d.fileName, createdBy: p.userId, createdAt: p.at });
      });
      const range = result.firstNumber ? `，文号 ${result.firstNumber} 至 ${result.lastNumber}` : '';
      appendAudit(db, { userId: p.userId, username: p.username }, 'documents.batch', { entity: 'document', summary: `批量生成《${title}》${planned.length} 份${range}${skipped.length ? `；${skipped.length} 个检查任务因信息不全未生成` : ''}` }, new Date(p.at));
    }).immediate();
  } catch (e) {
    await zip.abort();
    throw e;
  }
  const offered = transfers.offerDownload(zip.file, `${title}-批量-${day}-${planned.length}份.zip`, 'application/zip');
  return { ...result, downloadId: offered.downloadId, fileName: offered.name };
}

const csvCell = (v: string) => (/[",\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
