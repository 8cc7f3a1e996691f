import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { AppError } from '../../electron/errors';
import { parseInThread, type ParseRequest } from '../../electron/import/parsed';
import { runImport, type RunOptions } from '../../electron/import/run';
import { JobCancelled, type WorkerInput } from '../../electron/jobs/protocol';
import { tempDir, WORKER_JS } from '../support/app';
import { csvText, validCode, writeXlsx } from '../support/sheets';

/**
 * The import's reading half in its own thread (import/parsed.ts) against the same in the calling
 * thread: same rows, same report, same archive — and failures and cancels arrive as themselves.
 */

const HEADER = ['统一社会信用代码', '企业名称', '主体类型', '住所', '白名单', '列入白名单日期', '列入白名单理由', '重点监管', '列入重点监管日期', '列入重点监管理由'];
// The key-supervision columns are left unmapped, so the archive's flag stays and meets the file's whitelist flag.
const MAPPING = { creditCode: 0, name: 1, kind: 2, address: 3, whitelist: 4, whitelistDate: 5, whitelistReason: 6 };

function inThread(dir: string, cancelFlag = new SharedArrayBuffer(4)) {
  return (req: ParseRequest) =>
    parseInThread(WORKER_JS, { kind: 'import.run', params: { role: 'parser', ...req }, dbPath: path.join(dir, 'unused.db'), dataDir: dir, cancelFlag } satisfies WorkerInput);
}

function options(db: Db, dir: string, file: string, name: string): RunOptions {
  return {
    file,
    fileName: path.basename(file),
    kind: 'enterprises',
    mapping: MAPPING,
    mode: 'validOnly',
    db,
    at: new Date('2025-09-26T02:00:00Z'),
    actor: { userId: null, username: 'test' },
    expectedRows: 0,
    reportPath: path.join(dir, `${name}-report.xlsx`),
    io: { progress: () => undefined, checkCancelled: () => undefined },
  };
}

function archive(dir: string, name: string): Db {
  const { db } = openDatabase(path.join(dir, `${name}.db`));
  // Already on the key-supervision list: the file's whitelist flag for it is refused by the archive, not the file.
  db.prepare(
    `INSERT INTO enterprises (uuid, credit_code, name, kind, address, key_supervision, key_supervision_date, key_supervision_reason, created_at, updated_at)
     VALUES ('u-1', ?, '湘潭县老字号米粉店', '个体工商户', '易俗河镇', 1, '2025-01-02', '投诉较多', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z')`,
  ).run(validCode(1));
  return db;
}

function contents(db: Db): unknown[] {
  return [
    db.prepare('SELECT credit_code, name, address, whitelist, key_supervision, name_pinyin, name_initials, name_rank FROM enterprises ORDER BY credit_code').all(),
    db.prepare("SELECT rowid FROM enterprises_grams WHERE enterprises_grams MATCH '雨湖' ORDER BY rowid").all(),
    db.prepare("SELECT rowid FROM enterprises_trgm WHERE enterprises_trgm MATCH '米粉店' ORDER BY rowid").all(),
  ];
}

describe('reading an import in a thread of its own', () => {
  it('gives the same counts, report and archive as reading in the calling thread', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ents.xlsx');
    const rows = Array.from({ length: 2600 }, (_, i) => [validCode(i + 2), `湘潭市雨湖区第${i}号米粉店`, '个体工商户', `雨湖区${i}号`, '否', null, null, '否', null, null]);
    rows[10] = ['9143032100000000XX', '坏代码', '企业', '某地', '否', null, null, '否', null, null];
    await writeXlsx(file, [HEADER, [validCode(1), '湘潭县老字号米粉店', '个体工商户', '易俗河镇', '是', '2025-03-04', '守信', '否', null, null], ...rows]);

    const here = archive(dir, 'here');
    const there = archive(dir, 'there');
    const a = await runImport(options(here, dir, file, 'here'));
    const b = await runImport({ ...options(there, dir, file, 'there'), parse: inThread(dir) });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ written: true, total: 2601, new: 2599, rejected: 2 });
    expect(contents(there)).toEqual(contents(here));
    expect(fs.readFileSync(path.join(dir, 'there-report.xlsx')).length).toBeGreaterThan(0);
    // The bulk path (2,600 rows: renumber everything) left ranks in pinyin order and both indexes complete.
    const ranked = there.prepare('SELECT id, name_pinyin AS p, name_rank AS r FROM enterprises ORDER BY name_rank').all() as { id: number; p: string; r: number }[];
    const byPinyin = [...ranked].sort((x, y) => (x.p < y.p ? -1 : x.p > y.p ? 1 : x.id - y.id));
    expect(ranked.map((x) => x.id)).toEqual(byPinyin.map((x) => x.id));
    expect(new Set(ranked.map((x) => x.r)).size).toBe(2600);
    const count = (sql: string) => (there.prepare(sql).pluck().get() as number);
    expect(count("SELECT count(*) FROM enterprises_grams WHERE enterprises_grams MATCH '雨湖'")).toBe(2599);
    expect(count("SELECT count(*) FROM enterprises_grams WHERE enterprises_grams MATCH '易俗'")).toBe(1);
    expect(count("SELECT count(*) FROM enterprises_trgm WHERE enterprises_trgm MATCH '老字号米粉'")).toBe(1);
    expect(count("SELECT count(*) FROM enterprises WHERE name_rank IS NULL OR name_pinyin IS NULL")).toBe(0);

    // 40 more rows are under a fortieth of the register: placed one by one between their neighbours.
    const more = path.join(dir, 'more.xlsx');
    await writeXlsx(more, [HEADER, ...Array.from({ length: 40 }, (_, i) => [validCode(9000 + i), `湘潭市雨湖区补录${i}号米粉店`, '个体工商户', `雨湖区补${i}号`, '否', null, null, '否', null, null])]);
    const c = await runImport({ ...options(there, dir, more, 'more'), parse: inThread(dir) });
    expect(c).toMatchObject({ written: true, new: 40, rejected: 0 });
    const again = there.prepare('SELECT id, name_pinyin AS p, name_rank AS r FROM enterprises ORDER BY name_rank').all() as { id: number; p: string; r: number }[];
    expect(again.map((x) => x.id)).toEqual([...again].sort((x, y) => (x.p < y.p ? -1 : x.p > y.p ? 1 : x.id - y.id)).map((x) => x.id));
    // Placed, not renumbered: they sort before the 2,599 rows of the first file, which a renumbering
    // would all have moved; placing moves at most the neighbours of a gap that filled up.
    const kept = new Map(ranked.map((x) => [x.id, x.r]));
    expect(again.filter((x) => kept.has(x.id) && kept.get(x.id) !== x.r).length).toBeLessThan(100);
    expect(count("SELECT count(*) FROM enterprises_grams WHERE enterprises_grams MATCH '补录'")).toBe(40);
    here.close();
    there.close();
  });

  it('passes a reading failure on as the same message, and a cancel as a cancel, leaving nothing written', async () => {
    const dir = tempDir();
    const db = archive(dir, 'a');
    const before = contents(db);
    const broken = path.join(dir, 'broken.csv');
    const lines = Array.from({ length: 3000 }, (_, i) => [validCode(i + 2), `第${i}号店`, '企业', '某地', '否', '', '', '否', '', '']);
    fs.writeFileSync(broken, `${csvText([HEADER, ...lines])}${validCode(9999)},"never closed`);
    const failed = runImport({ ...options(db, dir, broken, 'broken'), parse: inThread(dir) });
    await expect(failed).rejects.toBeInstanceOf(AppError);
    await expect(failed).rejects.toThrow(/引号（"）直到文件末尾都没有闭合/u);
    expect(contents(db)).toEqual(before);

    const flag = new SharedArrayBuffer(4);
    new Int32Array(flag)[0] = 1;
    const cancelled = runImport({ ...options(db, dir, broken, 'cancelled'), parse: inThread(dir, flag) });
    await expect(cancelled).rejects.toBeInstanceOf(JobCancelled);
    expect(contents(db)).toEqual(before);
    db.close();
  });
});
