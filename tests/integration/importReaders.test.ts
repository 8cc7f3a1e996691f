import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvParser, detectEncoding, readCsv } from '../../electron/import/csv';
import { sniffFormat } from '../../electron/import/sniff';
import { openTable, type SourceRow } from '../../electron/import/table';
import { readXlsx } from '../../electron/import/xlsx';
import { tempDir } from '../support/app';
import { directPathXlsx, writeXlsx, writeXlsxStream } from '../support/sheets';

const FIXTURES = path.resolve(__dirname, '../fixtures');

/** Long cells of 3-byte UTF-8 characters (and a 4-byte one), each different, so chunk boundaries fall inside characters. */
function chineseCells(n: number): string[] {
  const chars = '湘潭县市场监督管理局易俗河镇天易大道食品有限公司餐饮管理鑫盛隆兴旺达通华泰瑞丰福祥安康𠀀';
  const list = [...chars];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = 'x'.repeat(i % 3) + String(i);
    for (let j = 0; j < 40 + (i % 11); j++) s += list[(i * 31 + j * j * 7 + (i >> 3)) % list.length];
    out.push(s);
  }
  return out;
}

async function stockRead(file: string): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file) as never, {});
  const out: string[] = [];
  for await (const sheet of reader) for await (const row of sheet) out.push(String(row.getCell(1).value));
  return out;
}

async function fixedRead(file: string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of readXlsx(file).batches) for (const row of batch) out.push(String(row.cells[0]));
  return out;
}

async function all(batches: AsyncIterable<SourceRow[]>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe('the xlsx reader keeps every character across chunk boundaries (exceljs streaming bug)', () => {
  const cells = chineseCells(30_000);

  it.each([
    ['shared strings (streaming writer: sheet before sharedStrings, via a temporary file)', true],
    ['inline strings (the characters are in the sheet XML itself)', false],
  ])('%s', async (_label, shared) => {
    const file = path.join(tempDir(), 'cjk.xlsx');
    await writeXlsxStream(file, cells.map((c) => [c]), shared);
    // The stock reader really does corrupt this file: the test exercises the bug it guards against.
    const stock = await stockRead(file);
    expect(stock.filter((s, i) => s !== cells[i]).length).toBeGreaterThan(0);
    expect(stock.join('')).toContain('\uFFFD');
    const fixed = await fixedRead(file);
    expect(fixed).toHaveLength(cells.length);
    expect(fixed.filter((s, i) => s !== cells[i])).toEqual([]);
  });

  it('shared strings parsed straight from the zip stream (parts ordered as some programs write them)', async () => {
    const file = path.join(tempDir(), 'direct.xlsx');
    directPathXlsx(file, cells.slice(0, 8000).map((c) => [c]));
    const stock = await stockRead(file);
    expect(stock.filter((s, i) => s !== cells[i]).length).toBeGreaterThan(0);
    const fixed = await fixedRead(file);
    expect(fixed.filter((s, i) => s !== cells[i])).toEqual([]);
    expect(fixed).toHaveLength(8000);
  });

  it('reads the sheet name and row numbers as Excel shows them, with formula results and blank rows', async () => {
    const file = path.join(tempDir(), 'f.xlsx');
    await writeXlsx(file, [['名称', '数'], ['甲', { formula: '1+1', result: 2 }], [], ['乙', { formula: 'A1&"x"' }]], '企业名录');
    const t = readXlsx(file);
    const rows = await all(t.batches);
    expect(t.sheetName).toBe('企业名录');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(rows[1]?.cells[1]).toBe(2);
    expect(rows[2]?.cells[1]).toMatchObject({ error: expect.stringMatching(/公式单元格没有保存计算结果（=A1&"x"）/u) });
  });
});

describe('file type by content, not by name', () => {
  const dir = tempDir();
  const write = (name: string, bytes: Uint8Array | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  it('refuses empty files, images, old .xls and HTML disguised as Excel, each with its own sentence', () => {
    expect(() => sniffFormat(write('empty.xlsx', ''))).toThrow(/文件是空的/u);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(() => sniffFormat(write('photo.xlsx', png))).toThrow(/这不是电子表格文件（内容是PNG 图片）/u);
    expect(() => sniffFormat(write('old.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex')))).toThrow(/旧版 Excel 97-2003/u);
    expect(() => sniffFormat(write('web.xls', '<html><table><tr><td>名称</td></tr></table></html>'))).toThrow(/网页（HTML）/u);
    expect(() => sniffFormat(write('bin.csv', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01])))).toThrow(/二进制文件/u);
    expect(sniffFormat(write('text.xlsx', '名称\n甲\n'))).toBe('csv');
  });

  it('a zip that is not a workbook says so', async () => {
    const p = path.join(dir, 'notbook.xlsx');
    const { storedZip } = await import('../support/sheets');
    storedZip(p, [{ name: 'readme.txt', data: '你好' }]);
    await expect(all(openTable(p).batches)).rejects.toThrow(/不是有效的 Excel 工作簿/u);
  });
});

describe('CSV: encodings and RFC 4180', () => {
  const dir = tempDir();

  it('detects UTF-8, UTF-8 with BOM, UTF-16 and GBK/GB18030, and refuses text that is none of them', () => {
    const utf8 = path.join(dir, 'u.csv');
    fs.writeFileSync(utf8, '名称\n湘潭\n');
    expect(detectEncoding(utf8)).toBe('utf-8');
    const bom = path.join(dir, 'b.csv');
    fs.writeFileSync(bom, '\uFEFF名称\n湘潭\n');
    expect(detectEncoding(bom)).toBe('utf-8-bom');
    const u16 = path.join(dir, 'w.csv');
    fs.writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\t住所\r\n湘潭\t易俗河\r\n', 'utf16le')]));
    expect(detectEncoding(u16)).toBe('utf-16le');
    expect(detectEncoding(path.join(FIXTURES, 'enterprises-gbk.csv'))).toBe('gb18030');
    const latin = path.join(dir, 'l.csv');
    fs.writeFileSync(latin, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x0a]));
    expect(() => detectEncoding(latin)).toThrow(/无法识别文件的文字编码/u);
  });

  it('decodes the GBK fixture exactly, quotes and commas included', async () => {
    const rows = await all(readCsv(path.join(FIXTURES, 'enterprises-gbk.csv'), 'gb18030'));
    expect(rows).toHaveLength(6);
    expect(rows[1]?.cells.slice(0, 4)).toEqual(['92430321MA4L000017', '湘潭县易俗河镇"老字号"米粉店', '个体工商户', '湖南省湘潭市湘潭县易俗河镇天易大道1号，2栋']);
    expect(rows[4]?.cells[1]).toBe('湘潭县花石镇喆喆便利店');
  });

  it('decodes GB18030 four-byte characters (outside GBK) without loss', async () => {
    const rows = await all(readCsv(path.join(FIXTURES, 'enterprises-gb18030.csv'), detectEncoding(path.join(FIXTURES, 'enterprises-gb18030.csv'))));
    expect(rows[1]?.cells[1]).toBe('湘潭县𠀀记餐饮店（䶮）');
    expect(rows[1]?.cells[4]).toBe('赵𠮷');
  });

  it('parses quoted line breaks, doubled quotes, CR-only lines and tab-separated Unicode text', () => {
    const got: [string[], number][] = [];
    const p = new CsvParser((cells, n) => got.push([cells, n]));
    // Fed in awkward pieces: a chunk may end anywhere, even between the two quotes of "".
    for (const piece of ['a,"b', '1\n', 'b2","c""', '"d"\r\n', 'x,,\r', 'y,"z"']) p.feed(piece);
    p.end();
    expect(got).toEqual([
      [['a', 'b1\nb2', 'c"d"'], 1],
      [['x', '', ''], 2],
      [['y', 'z'], 3],
    ]);
    const tabs: string[][] = [];
    const t = new CsvParser((cells) => tabs.push(cells));
    t.feed('名称\t住所\r\n甲,乙\t丙\r\n');
    t.end();
    expect(tabs).toEqual([['名称', '住所'], ['甲,乙', '丙']]);
  });

  it('an unclosed quote is a clear error naming the line', () => {
    const p = new CsvParser(() => undefined);
    p.feed('a,b\r\nc,"never closed\r\nmore');
    expect(() => p.end()).toThrow(/第 2 行有一个引号（"）直到文件末尾都没有闭合/u);
  });
});
