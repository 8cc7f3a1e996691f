/**
 * One timed import in its own process (so its peak RSS is its own), run by import.bench.ts:
 *   node --import tsx tests/bench/importTrial.ts <baseline|indexed|app> <file.xlsx> <dir>
 * Prints one JSON line: { ms, rows, peakRssMiB }.
 * - baseline: exceljs's stock streaming reader, each row inserted as read with one prepared
 *   statement, one transaction, into a fresh database with the app's schema.
 * - indexed: the same, plus the registry's own bulk search indexing (`reindexMissing`) in that
 *   transaction — the work any bulk load must do before its rows can be found (pinyin keys and
 *   ranks, two full-text indexes written from JS since migration 003).
 * - app: the import as the app runs it: the import.run job in the bundled job worker
 *   (dist/electron/worker.js, built by `npm run bench`), from the thread's start to its result —
 *   reading and checking in the job's reading thread, upsert by credit code, search indexing,
 *   error report. The upload is registered before the clock starts.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../electron/db/database';
import { Transfers } from '../../electron/files/transfers';
import type { WorkerInput, WorkerMessage } from '../../electron/jobs/protocol';
import { reindexMissing } from '../../electron/services/enterpriseIndex';

const WORKER = path.resolve(__dirname, '../../dist/electron/worker.js');

async function baseline(file: string, dbFile: string, indexed: boolean): Promise<number> {
  const { db } = openDatabase(dbFile);
  const insert = db.prepare(
    `INSERT INTO enterprises (uuid, credit_code, name, kind, address, legal_rep, phone, industry, park, grade, whitelist, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  let rows = 0;
  db.exec('BEGIN IMMEDIATE');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file) as never, {});
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number === 1) continue;
      const v = row.values as (string | undefined)[];
      insert.run(uuidv7(), v[1], v[2], v[3], v[4], v[5] ?? null, v[6] ?? null, v[7] ?? null, v[8] ?? null, v[9] ?? null, v[10] === '是' ? 1 : 0, at, at);
      rows++;
    }
    break;
  }
  if (indexed) reindexMissing(db);
  db.exec('COMMIT');
  db.close();
  return rows;
}

/** Registers the upload (untimed), then times the job from its thread's start to its result. */
async function app(file: string, dbFile: string, dir: string): Promise<{ rows: number; ms: number }> {
  openDatabase(dbFile).db.close();
  const upload = await new Transfers(dir).saveUploadStream(path.basename(file), fs.createReadStream(file));
  const mapping = { creditCode: 0, name: 1, kind: 2, address: 3, legalRep: 4, phone: 5, industry: 6, park: 7, grade: 8, whitelist: 9 };
  const input: WorkerInput = {
    kind: 'import.run',
    params: { kind: 'enterprises', uploadId: upload.uploadId, mapping, mode: 'validOnly', userId: null, username: 'bench', expectedRows: 0 },
    dbPath: dbFile,
    dataDir: dir,
    cancelFlag: new SharedArrayBuffer(4),
  };
  const t = process.hrtime.bigint();
  const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: input });
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') resolve(m.result);
      else if (m.type === 'error' || m.type === 'cancelled') reject(new Error(m.type === 'error' ? m.message : 'cancelled'));
    });
    w.on('error', reject);
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (result.rejected !== 0 || !result.written) throw new Error(`bench file has ${String(result.rejected)} rejected rows`);
  return { rows: Number(result.new), ms };
}

async function main(): Promise<void> {
  const [mode, file, dir] = process.argv.slice(2);
  if (!mode || !file || !dir) throw new Error('usage: importTrial <baseline|indexed|app> <file> <dir>');
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, `${mode}.db`);
  let rows: number;
  let ms: number;
  if (mode === 'app') ({ rows, ms } = await app(file, dbFile, dir));
  else {
    const t = process.hrtime.bigint();
    rows = await baseline(file, dbFile, mode === 'indexed');
    ms = Number(process.hrtime.bigint() - t) / 1e6;
  }
  console.log(JSON.stringify({ ms, rows, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  // The app's job leaves its worker thread to the runner, which would end it: end the process here.
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
