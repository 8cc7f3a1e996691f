import { Worker, type MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '../../shared/api';
import type { ImportKind } from '../../shared/schemas/importFields';
import { AppError } from '../errors';
import { JobCancelled, type TaskIO } from '../jobs/protocol';
import { nameKeys, type NameKeys } from '../services/enterpriseIndex';
import type { Mapping } from './mapping';
import { openImport } from './source';
import type { CellValue } from './table';
import { RowValidator, type Checked, type ImportRows } from './validate';

/**
 * The reading half of an import: the file read, its header found and mapped, every row checked
 * (RowValidator), and for enterprises the pinyin keys of the name computed — everything that
 * needs no database. `runImport` writes what comes out.
 *
 * This half can run in a thread of its own (`parseInThread`) while the job's thread writes: on
 * two cores reading and checking (~3 s for 80,000 rows) then overlaps the inserts instead of
 * preceding them (tests/bench/import.bench.ts measures it). `parseHere` is the same in the
 * calling thread, for one core or a caller that is not a job.
 */

/** One non-blank row: as read (for the report) and as checked. */
export interface ParsedRow<K extends ImportKind> {
  cells: CellValue[];
  checked: Checked<K>;
  /** The name's search keys (enterprises, valid rows). */
  keys?: NameKeys;
}

export interface ParsedHead {
  mapping: Mapping;
  headers: string[];
  /** Labels of required fields the mapping leaves out (the import refuses to start). */
  missingRequired: string[];
}

export interface ParsedSource<K extends ImportKind> extends ParsedHead {
  batches: AsyncGenerator<ParsedRow<K>[]>;
  /** Stops reading (safe to call twice, and after the end). */
  close(): Promise<void>;
}

/** What the reading half needs: the file, what it holds, and how its columns map. */
export interface ParseRequest {
  file: string;
  kind: ImportKind;
  mapping: Mapping;
}

/**
 * Reads and checks in the calling thread. `keysNow` says, per batch, whether to compute the
 * names' pinyin keys here (always, unless told otherwise); rows without keys get them from the writer.
 */
export async function parseHere<K extends ImportKind>(req: ParseRequest & { kind: K }, keysNow: () => boolean = () => true): Promise<ParsedSource<K>> {
  const src = await openImport(req.file, req.kind, req.mapping);
  const validator = new RowValidator(req.kind, src.mapping, src.headers);
  const enterprises = req.kind === 'enterprises';
  async function* batches(): AsyncGenerator<ParsedRow<K>[]> {
    for await (const batch of src.batches) {
      const withKeys = enterprises && keysNow();
      const out: ParsedRow<K>[] = [];
      for (const row of batch) {
        const checked = validator.check(row);
        if (checked === null) continue;
        const keys = withKeys && checked.ok ? nameKeys((checked.data as ImportRows['enterprises']).name) : undefined;
        out.push(keys ? { cells: row.cells, checked, keys } : { cells: row.cells, checked });
      }
      if (out.length > 0) yield out;
    }
  }
  const gen = batches();
  return {
    mapping: src.mapping,
    headers: src.headers,
    missingRequired: src.missingRequired,
    batches: gen,
    async close() {
      await gen.return(undefined);
      await src.close();
    },
  };
}

// ---- The reading half in a thread -------------------------------------------------------------

/** Batches the reader may run ahead of the writer: enough to keep both busy, little memory. */
const AHEAD = 8;

type FromParser =
  | { type: 'head'; head: ParsedHead }
  | { type: 'rows'; rows: ParsedRow<ImportKind>[] }
  | { type: 'end' }
  | { type: 'cancelled' }
  | { type: 'failed'; appError: boolean; code: ErrorCode; message: string };
type ToParser = { type: 'more' };

/**
 * Thread side: reads, checks and posts batches, never more than AHEAD unacknowledged. The pinyin
 * keys (a third of the reading side's work) are computed here only while the writer has a
 * backlog, and otherwise left to the writer: so whichever side has time does them (measured on
 * 2 cores: reading was the slower side by ~1 s of 3 when it computed them all). It stops when the
 * user cancels (the job's shared flag); the writer terminates the thread when done.
 */
export async function serveParser(req: ParseRequest, io: Pick<TaskIO, 'checkCancelled'>, port: MessagePort): Promise<void> {
  const post = (m: FromParser) => port.postMessage(m);
  let credit = AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', (m: ToParser) => {
    if (m?.type !== 'more') return;
    credit++;
    wake?.();
    wake = null;
  });
  let src: ParsedSource<ImportKind> | null = null;
  try {
    src = await parseHere(req, () => credit < AHEAD / 2);
    post({ type: 'head', head: { mapping: src.mapping, headers: src.headers, missingRequired: src.missingRequired } });
    if (src.missingRequired.length === 0) {
      for await (const rows of src.batches) {
        io.checkCancelled();
        while (credit <= 0) await new Promise<void>((r) => (wake = r));
        credit--;
        post({ type: 'rows', rows });
      }
    }
    post({ type: 'end' });
  } catch (e) {
    if (e instanceof JobCancelled) {
      post({ type: 'cancelled' });
      return;
    }
    const appError = e instanceof AppError;
    post({ type: 'failed', appError, code: appError ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
  } finally {
    await src?.close();
  }
}

/**
 * Writer side: starts `workerFile` (the job worker itself, told by `workerData` to serve as the
 * parser) and turns its messages back into a ParsedSource. A failure in the thread arrives as
 * the same AppError; `close()` ends the thread.
 */
export async function parseInThread<K extends ImportKind>(workerFile: string, workerData: unknown): Promise<ParsedSource<K>> {
  // Reading allocates many short-lived strings (a register's shared strings alone are ~300,000):
  // a larger nursery halves the time spent collecting them.
  const worker = new Worker(workerFile, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const queue: FromParser[] = [];
  let waiting: ((m: FromParser) => void) | null = null;
  const deliver = (m: FromParser) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else queue.push(m);
  };
  worker.on('message', (m: FromParser | { type: string }) => {
    if (m.type === 'head' || m.type === 'rows' || m.type === 'end' || m.type === 'failed') deliver(m as FromParser);
    // The job protocol's 'progress' and 'done' are not the parser's; its 'cancelled' and 'error' mean the same here.
    else if (m.type === 'cancelled') deliver({ type: 'cancelled' });
    else if (m.type === 'error') deliver({ type: 'failed', appError: false, code: 'INTERNAL', message: String((m as { message?: unknown }).message ?? '读取文件的线程出错') });
  });
  worker.on('error', (e) => deliver({ type: 'failed', appError: false, code: 'INTERNAL', message: e.message }));
  worker.on('exit', () => deliver({ type: 'failed', appError: false, code: 'INTERNAL', message: '读取文件的线程意外退出' }));
  const next = () => new Promise<FromParser>((resolve) => (queue.length > 0 ? resolve(queue.shift() as FromParser) : (waiting = resolve)));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    worker.removeAllListeners('exit');
    await worker.terminate();
  };
  const fail = (m: Extract<FromParser, { type: 'failed' }>): never => {
    throw m.appError ? new AppError(m.code, m.message) : new Error(m.message);
  };
  const head = await next();
  if (head.type === 'failed' || head.type === 'cancelled') {
    await stop();
    if (head.type === 'cancelled') throw new JobCancelled();
    fail(head);
  }
  if (head.type !== 'head') {
    await stop();
    throw new Error(`parser thread sent ${head.type} first`);
  }
  async function* batches(): AsyncGenerator<ParsedRow<K>[]> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'end') return;
        if (m.type === 'failed') fail(m);
        if (m.type === 'cancelled') throw new JobCancelled();
        if (m.type !== 'rows') continue;
        worker.postMessage({ type: 'more' } satisfies ToParser);
        yield m.rows as ParsedRow<K>[];
      }
    } finally {
      await stop();
    }
  }
  const gen = batches();
  return {
    ...head.head,
    batches: gen,
    async close() {
      await gen.return(undefined);
      await stop();
    },
  };
}
