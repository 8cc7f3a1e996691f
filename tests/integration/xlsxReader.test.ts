import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { CellValue, SourceRow } from '../../electron/import/table';
import { readXlsx } from '../../electron/import/xlsx';
import { SharedStringsScanner, SheetScanner, slideFormula } from '../../electron/import/xlsxSheet';
import { tempDir } from '../support/app';
import { writeXlsxStream } from '../support/sheets';

/**
 * The xlsx reader against exceljs's streaming reader (which it replaced) and against values
 * written by hand into the XML, including what exceljs cannot write: inline rich text, phonetic
 * runs, _xHHHH_ escapes, cells and rows without an `r`, t="d" dates, shared formulas without a
 * cached result, and parts in any order in the zip.
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NO_RESULT = (formula: string) => ({ error: `公式单元格没有保存计算结果（=${formula}），请在 Excel 中打开并保存后再导入，或把公式改为数值` });

async function rowsOf(file: string): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const batch of readXlsx(file).batches) out.push(...batch);
  return out;
}

/** How the previous reader turned an exceljs cell value into a CellValue (electron/import/xlsx.ts before this reader). */
function exceljsCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: { text?: string }[]; formula?: string; sharedFormula?: string; result?: unknown; error?: unknown; text?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) {
    const result = o.result;
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) return NO_RESULT(o.formula ?? o.sharedFormula ?? '');
    if (typeof result === 'object' && 'error' in result) return { error: `公式的计算结果是错误值 ${String((result as { error: unknown }).error)}` };
    return exceljsCellValue(result);
  }
  if ('error' in o) return { error: `单元格是错误值 ${String(o.error)}` };
  if (typeof o.text === 'string') return o.text;
  return { error: '无法识别的单元格内容' };
}

/** The first worksheet as exceljs's stock streaming reader gives it (right for files it can read: small ones, see importReaders.test.ts). */
async function exceljsRows(file: string): Promise<SourceRow[]> {
  const options = { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' } as const;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file) as never, options);
  const out: SourceRow[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      out.push({ row: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => exceljsCellValue(values[i + 1])) });
    }
    break;
  }
  return out;
}

/** A zip written by yazl (deflated) with the entries in the order given. */
async function zipFile(file: string, entries: [string, string | Buffer][]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
  return file;
}

const worksheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1"/><sheetData>${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
const sst = (items: string[]) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
const relationships = (rels: [id: string, type: string, target: string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;

interface SheetPart {
  name: string;
  xml: string;
  /** Where the workbook's relationship points (relative to xl/ or absolute); the zip entry is the resolved path. */
  target?: string;
  type?: string;
}

/** The parts of a workbook, in the order Excel writes them unless a test reorders them. */
function workbookParts(sheets: SheetPart[], strings?: string[]): [string, string][] {
  const rels: [string, string, string][] = sheets.map((s, i) => [`rId${i + 1}`, `${REL}/${s.type ?? 'worksheet'}`, s.target ?? `worksheets/sheet${i + 1}.xml`]);
  if (strings) rels.push(['rIdS', `${REL}/sharedStrings`, 'sharedStrings.xml']);
  const book = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const parts: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', relationships([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml']])],
    ['xl/workbook.xml', book],
    ['xl/_rels/workbook.xml.rels', relationships(rels)],
  ];
  sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    parts.push([target.startsWith('/') ? target.slice(1) : `xl/${target}`, s.xml]);
  });
  if (strings) parts.push(['xl/sharedStrings.xml', sst(strings)]);
  return parts;
}

describe('the xlsx reader gives what exceljs gave for files exceljs writes and reads correctly', () => {
  const rows: ExcelJS.CellValue[][] = [
    ['名称', 1, true, false, 1.5, -3, 1e-7, 123456789012345, new Date(Date.UTC(2024, 0, 2)), null, '末列'],
    [{ formula: '1+1', result: 2 }, { formula: 'A1&"x"', result: '名称x' }, { formula: 'B1*2' }, { error: '#N/A' } as ExcelJS.CellErrorValue, { formula: 'LEN(A1)', result: 2 }],
    ['a &lt; b & c <d> "e" \'f\'', '  两端有空格  ', '第一行\n第二行', '😀𠀀', '', ' ', '0123', '=不是公式'],
    [],
    [null, null, '从 C 列开始'],
  ];

  it('in-memory writer (shared strings, rich text, hyperlinks, merged and styled empty cells)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('企业名录');
    for (const r of rows) sheet.addRow(r);
    sheet.addRow([{ richText: [{ text: '湘潭' }, { font: { bold: true }, text: '县' }] }, { text: '链接文字', hyperlink: 'https://example.com' }]);
    sheet.getCell('Z7').value = '远处的列';
    sheet.getCell('AB7').style = { font: { bold: true } };
    sheet.mergeCells('A8:C8');
    sheet.getCell('A8').value = '合并';
    const file = path.join(tempDir(), 'memory.xlsx');
    await book.xlsx.writeFile(file);
    const expected = await exceljsRows(file);
    expect(expected.map((r) => r.row)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(await rowsOf(file)).toEqual(expected);
    const src = readXlsx(file);
    await src.batches.next();
    expect(src.sheetName).toBe('企业名录');
    await src.batches.return(undefined);
  });

  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('streaming writer, %s', async (_label, useSharedStrings) => {
    const file = path.join(tempDir(), 'stream.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
    const sheet = book.addWorksheet('S');
    // exceljs decodes entities twice in inline strings: "a &lt; b" is left out here (see the next test).
    for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' && v.includes('&') ? 'ab' : v))).commit();
    sheet.commit();
    await book.commit();
    const expected = await exceljsRows(file);
    expect(expected.length).toBe(4);
    expect(await rowsOf(file)).toEqual(expected);
  });

  it('differs where exceljs was wrong: boolean and error results of formulas, inline text and rich text', async () => {
    const memory = path.join(tempDir(), 'results.xlsx');
    const results = new ExcelJS.Workbook();
    results.addWorksheet('S').addRow([{ formula: 'TRUE()', result: true }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    await results.xlsx.writeFile(memory);
    // exceljs gave 1 and "没有保存计算结果" (it parsed both results as numbers).
    expect(await rowsOf(memory)).toEqual([{ row: 1, cells: [true, { error: '公式的计算结果是错误值 #DIV/0!' }] }]);
    const stream = path.join(tempDir(), 'inline.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: stream, useSharedStrings: false, useStyles: false });
    const sheet = book.addWorksheet('S');
    sheet.addRow(['a &lt; b', { richText: [{ text: '甲' }, { text: '乙' }] }]).commit();
    sheet.commit();
    await book.commit();
    // exceljs gave "a < b" (entities decoded twice) and "乙" (the last run only).
    expect(await rowsOf(stream)).toEqual([{ row: 1, cells: ['a &lt; b', '甲乙'] }]);
  });
});

/** Cells of every kind, written by hand (parts of it are not what exceljs can write). */
const STRINGS = [
  '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
  '<si><r><t>湘</t></r><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t xml:space="preserve"> 潭</t></r><rPh sb="0" eb="1"><t>xiāng</t></rPh></si>',
  '<si><t>a_x000D_&#10;b _x005F_x000D_ &amp;&lt;&gt;&quot;&apos; &#x1F600;&#20013;_x00E9__x00e9_</t></si>',
  '<si><t/></si>',
  '<si><t xml:space="preserve">  前后空格  </t></si>',
  '<si><t>第六</t></si>',
];

const SHEET = [
  '<row r="1" spans="1:6">',
  '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>99</v></c>',
  '<c r="F1" t="inlineStr"><is><r><t>行</t></r><r><rPr><i/></rPr><t>内</t></r><rPh sb="0" eb="1"><t>háng</t></rPh></is></c>',
  '<c r="G1" t="s"><v>4</v></c>',
  '</row>',
  '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c>',
  '<c r="D2" t="d"><v>2024-03-05T00:00:00</v></c><c r="E2" t="d"><v>2024-03-05</v></c><c r="F2"><v>3.25</v></c>',
  '<c r="G2" t="n"><v>-12</v></c><c r="H2" t="str"><v>x_x000D_y</v></c><c r="I2" s="3"/></row>',
  '<row r="3"><c r="A3"><f t="shared" ref="A3:A5" si="0">B3*2+$C$1+SUM(B$3:B3)&amp;"A1"</f><v>4</v></c>',
  '<c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C3" t="b"><f>TRUE()</f><v>1</v></c>',
  '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E3"><f>NOW()</f></c></row>',
  '<row r="4"><c r="A4"><f t="shared" si="0"/></c></row>',
  '<row r="5"><c r="A5"><f t="shared" si="0"/><v>8</v></c><c r="C5" t="str"><f>A5&amp;""</f><v></v></c></row>',
  '<row r="7"><c t="s"><v>5</v></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c><c r="H7" s="1"/></row>',
  '<row><c r="A8"><v>1</v></c></row>',
  '<row spans="1:2"/>',
  '<row r="12"><c r="C12" s="2"/></row>',
  '<row r="13">\r\n  <c r="A13" t="inlineStr">\r\n    <is><t xml:space="preserve">第一行\r\n第二行\r第三行</t></is>\r\n  </c>\r\n',
  '  <!-- a comment with <c r="B13"><v>0</v></c> inside -->\r\n',
  '  <c r="B13" t="inlineStr" x14ac:note=\'a > b\'><is><t><![CDATA[<原样> & "x"]]></t></is></c>\r\n',
  '  <c r="C13" t="s">\r\n    <v> 1 </v>\r\n  </c>\r\n</row>',
].join('');

const ROWS: SourceRow[] = [
  { row: 1, cells: ['漢字', '湘 潭', 'a\r\nb _x000D_ &<>"\' 😀中é_x00e9_', null, null, '行内', '  前后空格  '] },
  { row: 2, cells: [true, false, { error: '单元格是错误值 #N/A' }, new Date(Date.UTC(2024, 2, 5)), new Date(Date.UTC(2024, 2, 5)), 3.25, -12, 'x\ry'] },
  { row: 3, cells: [4, 'ab', true, { error: '公式的计算结果是错误值 #DIV/0!' }, NO_RESULT('NOW()')] },
  { row: 4, cells: [NO_RESULT('B4*2+$C$1+SUM(B$3:B4)&"A1"')] },
  { row: 5, cells: [8, null, ''] },
  { row: 7, cells: ['第六', 2, null, null, 5, 6] },
  { row: 8, cells: [1] },
  { row: 9, cells: [] },
  { row: 12, cells: [] },
  { row: 13, cells: ['第一行\n第二行\n第三行', '<原样> & "x"', '湘 潭'] },
];

describe('cells written by hand', () => {
  it('reads every kind of cell as specified', async () => {
    const file = await zipFile(path.join(tempDir(), 'kinds.xlsx'), workbookParts([{ name: '全部', xml: worksheet(SHEET) }], STRINGS));
    expect(await rowsOf(file)).toEqual(ROWS);
  });

  it('reads the same whatever the chunk boundaries: every byte its own chunk, and every two-piece split', () => {
    const scan = (pieces: Buffer[], strings: (string | null)[]) => {
      const scanner = new SheetScanner(strings);
      const out: SourceRow[] = [];
      for (const p of pieces) {
        scanner.write(p);
        out.push(...scanner.takeRows());
      }
      scanner.end();
      return out;
    };
    const stringsOf = (pieces: Buffer[]) => {
      const scanner = new SharedStringsScanner();
      for (const p of pieces) scanner.write(p);
      scanner.end();
      return scanner.strings;
    };
    const sheet = Buffer.from(worksheet(SHEET), 'utf8');
    const table = Buffer.from(sst(STRINGS), 'utf8');
    const strings = stringsOf([table]);
    expect(scan([sheet], strings)).toEqual(ROWS);
    const bytes = (b: Buffer) => Array.from(b, (x) => Buffer.from([x]));
    expect(stringsOf(bytes(table))).toEqual(strings);
    expect(scan(bytes(sheet), strings)).toEqual(ROWS);
    for (let cut = 1; cut < table.length; cut++) expect(stringsOf([table.subarray(0, cut), table.subarray(cut)])).toEqual(strings);
    for (let cut = 1; cut < sheet.length; cut++) expect(scan([sheet.subarray(0, cut), sheet.subarray(cut)], strings)).toEqual(ROWS);
  });

  it('matches element names by local name (x:row, as .NET tools write)', async () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r="C1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const file = await zipFile(path.join(tempDir(), 'prefixed.xlsx'), workbookParts([{ name: 'S', xml }]));
    expect(await rowsOf(file)).toEqual([{ row: 1, cells: [null, '前缀', 7] }]);
  });

  it('slides a shared formula to the cell that uses it', () => {
    expect(slideFormula('A1+$B1+C$1+$D$1', 2, 1)).toBe('B3+$B3+D$1+$D$1');
    expect(slideFormula('SUM(A1:A9)&"A1"&\'Sheet A1\'!B2', 1, 0)).toBe('SUM(A2:A10)&"A1"&\'Sheet A1\'!B3');
    expect(slideFormula('LOG10(A1)+XFE1', 1, 0)).toBe('LOG10(A2)+XFE1');
  });
});

describe('which sheet', () => {
  it('reads the first worksheet in workbook order, wherever the parts are in the zip', async () => {
    const cell = (text: string) => worksheet(`<row r="1"><c r="A1" t="s"><v>${text}</v></c></row>`);
    const parts = workbookParts(
      [
        { name: '图表', xml: '<chartsheet/>', target: 'chartsheets/sheet1.xml', type: 'chartsheet' },
        { name: '名录', xml: cell('0'), target: '/xl/worksheets/sheet2.xml' },
        { name: '说明', xml: cell('1'), target: 'worksheets/sheet1.xml' },
      ],
      ['<si><t>名录的内容</t></si>', '<si><t>说明的内容</t></si>'],
    );
    // Sheets first, shared strings last, and the second worksheet before the first (exceljs read the zip's first).
    const byName = new Map(parts);
    const order = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/chartsheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', '_rels/.rels', '[Content_Types].xml'];
    const file = await zipFile(path.join(tempDir(), 'order.xlsx'), order.map((n) => [n, byName.get(n) as string]));
    const src = readXlsx(file);
    const rows: SourceRow[] = [];
    for await (const b of src.batches) rows.push(...b);
    expect(src.sheetName).toBe('名录');
    expect(rows).toEqual([{ row: 1, cells: ['名录的内容'] }]);
  });

  it('finds the workbook through _rels/.rels and tolerates a missing shared-strings part', async () => {
    const parts = workbookParts([{ name: 'S', xml: worksheet('<row r="3"><c r="A3"><v>1</v></c></row>') }]).map(([n, d]): [string, string] => {
      if (n === '_rels/.rels') return [n, relationships([['rId1', `${REL}/officeDocument`, '/xl/book.xml']])];
      if (n === 'xl/workbook.xml') return ['xl/book.xml', d];
      if (n === 'xl/_rels/workbook.xml.rels') return ['xl/_rels/book.xml.rels', d];
      return [n, d];
    });
    const file = await zipFile(path.join(tempDir(), 'book.xlsx'), parts);
    expect(await rowsOf(file)).toEqual([{ row: 3, cells: [1] }]);
  });
});

describe('long text, big tables and chunk boundaries', () => {
  /** Text of 3-byte characters (and a 4-byte one now and then), different for every i. */
  const text = (i: number, length: number) => {
    const chars = [...'湘潭县市场监督管理局易俗河镇天易大道食品有限公司𠀀'];
    let s = 'x'.repeat(i % 3);
    for (let j = s.length; j < length; j++) s += chars[(i * 7 + j * 13 + (j >> 5)) % chars.length];
    return s;
  };

  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('100,000-character cells keep every character (%s)', async (_label, shared) => {
    // ~300 KB of 3-byte characters per cell: inflated chunks end inside characters.
    const cells = [0, 1, 2, 3, 4, 5].map((i) => text(i, 100_000));
    const file = path.join(tempDir(), 'long.xlsx');
    await writeXlsxStream(file, cells.map((c, i) => [i, c]), shared);
    const rows = await rowsOf(file);
    expect(rows.map((r) => r.cells[0])).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [i, r] of rows.entries()) {
      const got = [...String(r.cells[1])];
      const want = [...(cells[i] as string)];
      expect(got.length).toBe(want.length);
      expect(got.findIndex((ch, k) => ch !== want[k])).toBe(-1);
    }
  });

  it('a table of 200,000 shared strings', async () => {
    const n = 200_000;
    const strings = Array.from({ length: n }, (_, i) => `<si><t>${text(i, 8)}${i}</t></si>`);
    const rows = Array.from({ length: n / 10 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 10 }, (_, c) => `<c t="s"><v>${r * 10 + c}</v></c>`).join('')}</row>`).join('');
    const file = await zipFile(path.join(tempDir(), 'table.xlsx'), workbookParts([{ name: 'S', xml: worksheet(rows) }], strings));
    const got = await rowsOf(file);
    expect(got).toHaveLength(n / 10);
    expect(got[n / 10 - 1]?.cells[9]).toBe(`${text(n - 1, 8)}${n - 1}`);
    expect(got.every((r, i) => r.cells.length === 10 && r.cells[3] === `${text(i * 10 + 3, 8)}${i * 10 + 3}`)).toBe(true);
  });
});

describe('files that cannot be read', () => {
  // Descriptors open on `file`, where the system lists them (Linux); elsewhere the checks are vacuous.
  const hasFdList = fs.existsSync('/proc/self/fd');
  const fdsOn = (file: string) => {
    if (!hasFdList) return 0;
    const links = fs.readdirSync('/proc/self/fd').map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // the descriptor readdir itself used
      }
    });
    const real = fs.realpathSync(file);
    return links.filter((l) => l === real).length;
  };
  const closed = async (files: string[]) => {
    // yauzl closes its descriptor asynchronously once the last stream is done.
    for (let i = 0; i < 50 && files.some((f) => fdsOn(f) > 0); i++) await new Promise((r) => setTimeout(r, 10));
    return files.filter((f) => fdsOn(f) > 0);
  };

  it('says why, in one sentence, whatever is wrong with the zip or the workbook', async () => {
    const dir = tempDir();
    const good = await zipFile(path.join(dir, 'good.xlsx'), workbookParts([{ name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>') }]));
    const bytes = fs.readFileSync(good);
    const write = (name: string, data: Buffer) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const whole = worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>');
    const cutSheet = whole.slice(0, whole.indexOf('<v>2') + 2);
    const cases: [string, RegExp][] = [
      [write('garbage.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])), /^无法读取该 Excel 文件（文件可能已损坏，或不是有效的 \.xlsx 工作簿）。技术信息：/u],
      [write('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))), /^无法读取该 Excel 文件/u],
      [await zipFile(path.join(dir, 'readme.xlsx'), [['readme.txt', '你好']]), /^文件中没有工作表：它是压缩包，但不是有效的 Excel 工作簿（\.xlsx）$/u],
      [await zipFile(path.join(dir, 'charts.xlsx'), workbookParts([{ name: '图表', xml: '<chartsheet/>', target: 'chartsheets/sheet1.xml', type: 'chartsheet' }])), /^文件中没有工作表/u],
      [await zipFile(path.join(dir, 'missing.xlsx'), workbookParts([{ name: 'S', xml: '' }]).filter(([n]) => !n.includes('worksheets'))), /^无法读取该 Excel 文件.*技术信息：缺少工作表 xl\/worksheets\/sheet1\.xml$/u],
      [await zipFile(path.join(dir, 'truncated.xlsx'), workbookParts([{ name: 'S', xml: cutSheet }])), /^无法读取该 Excel 文件.*技术信息：xl\/worksheets\/sheet1\.xml：XML 不完整/u],
      [await zipFile(path.join(dir, 'badstrings.xlsx'), workbookParts([{ name: 'S', xml: worksheet('') }], ['<si><t>未完'])), /^无法读取该 Excel 文件.*技术信息：xl\/sharedStrings\.xml：XML 不完整/u],
    ];
    for (const [file, message] of cases) await expect(rowsOf(file), file).rejects.toThrow(message);
    expect(await closed(cases.map(([file]) => file))).toEqual([]);
  });

  it('a damaged deflate stream in the sheet is reported, not read as garbage', async () => {
    const rows = Array.from({ length: 3000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>第${r}行${'湘潭'.repeat(r % 7)}</t></is></c></row>`).join('');
    const parts = workbookParts([{ name: 'S', xml: worksheet(rows) }]);
    const sheetFirst = [...parts.filter(([n]) => n.includes('worksheets')), ...parts.filter(([n]) => !n.includes('worksheets'))];
    const file = await zipFile(path.join(tempDir(), 'damaged.xlsx'), sheetFirst);
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 2000, 2400); // inside the sheet's compressed data (the first entry)
    fs.writeFileSync(file, bytes);
    await expect(rowsOf(file)).rejects.toThrow(/^无法读取该 Excel 文件.*技术信息：xl\/worksheets\/sheet1\.xml：/u);
  });

  it('closes the file when the caller stops after the first batch', async () => {
    const file = path.join(tempDir(), 'early.xlsx');
    await writeXlsxStream(file, Array.from({ length: 20_000 }, (_, i) => [`第 ${i} 行`, i]), true);
    const src = readXlsx(file);
    const first = await src.batches.next();
    expect(first.done).toBe(false);
    if (hasFdList) expect(fdsOn(file)).toBe(1);
    await src.batches.return(undefined);
    expect(await closed([file])).toEqual([]);
  });
});
