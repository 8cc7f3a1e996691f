/**
 * One timed import in its own process (so its peak RSS is its own), run by import.bench.ts:
 *   node --import tsx tests/bench/importTrial.ts <baseline|indexed|app> <file.xlsx> <dir>
 * Prints one JSON line: { ms, rows, peakRssMiB }.
 * - baseline: exceljs's stock streaming reader, each row inserted as read with one prepared
 *   statement, one transaction, into a fresh database with the app's schema.
 * - indexed: the same, plus the registry's own bulk search indexing (`reindexMissing`) in that
 *   transaction — the work any bulk load must do before its rows can be found (pinyin keys and
 *   ranks, two full-text indexes written from JS since migration 003).
 * - app: the import path itself (runImport: reader with the UTF-8 fix, mapping, validation,
 *   duplicate check, upsert by credit code, search indexing, error report), in process.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../electron/db/database';
import { runImport } from '../../electron/import/run';
import { reindexMissing } from '../../electron/services/enterpriseIndex';

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

async function app(file: string, dbFile: string, dir: string): Promise<number> {
  const { db } = openDatabase(dbFile);
  const mapping = { creditCode: 0, name: 1, kind: 2, address: 3, legalRep: 4, phone: 5, industry: 6, park: 7, grade: 8, whitelist: 9 };
  const r = await runImport({
    file,
    fileName: path.basename(file),
    kind: 'enterprises',
    mapping,
    mode: 'validOnly',
    db,
    at: new Date(),
    actor: { userId: null, username: 'bench' },
    expectedRows: 0,
    reportPath: path.join(dir, 'report.xlsx'),
    io: { progress: () => undefined, checkCancelled: () => undefined },
  });
  db.close();
  if (r.rejected > 0 || !r.written) throw new Error(`bench file has ${r.rejected} rejected rows`);
  return r.new;
}

async function main(): Promise<void> {
  const [mode, file, dir] = process.argv.slice(2);
  if (!mode || !file || !dir) throw new Error('usage: importTrial <baseline|indexed|app> <file> <dir>');
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, `${mode}.db`);
  const t = process.hrtime.bigint();
  const rows = mode === 'app' ? await app(file, dbFile, dir) : await baseline(file, dbFile, mode === 'indexed');
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ ms, rows, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
