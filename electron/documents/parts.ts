import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  HeightRule,
  type ISectionOptions,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { CHAR, STYLE, TYPE_AREA, formatChineseDate } from './styles';

/** Building blocks every document kind shares: safe text, paragraphs, fixed-width tables, signatures. */

/**
 * Text as XML 1.0 allows it: C0 controls (other than tab and newline), lone surrogates and
 * U+FFFE/U+FFFF are dropped, so a stray character from an import can never make Word refuse
 * the file. Surrogate pairs (𠀾) are kept whole; docx itself escapes < & " '.
 */
export function clean(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    // Matching control characters is the point here.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '');
}

/** `clean` applied to every string in a JSON-like value (the data, before it is validated). */
export function cleanDeep(v: unknown): unknown {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return v.map(cleanDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleanDeep(x)]));
  return v;
}

type RunOpts = { bold?: boolean; underline?: boolean; size?: number; font?: string };

/** Runs for a text that may hold line breaks (kept as breaks within the paragraph). */
export function runs(text: string, o: RunOpts = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          bold: o.bold,
          size: o.size,
          underline: o.underline ? {} : undefined,
          ...(o.font ? { font: { eastAsia: o.font, hint: 'eastAsia' } } : {}),
        }),
    );
}

type ParaOpts = {
  style?: string;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: { left?: number; right?: number; firstLine?: number; hanging?: number };
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  spacingBefore?: number;
};

/** One paragraph from text or runs. */
export function para(content: string | ParagraphChild[], o: ParaOpts = {}): Paragraph {
  return new Paragraph({
    style: o.style ?? STYLE.normal,
    alignment: o.align,
    indent: o.indent,
    keepNext: o.keepNext,
    pageBreakBefore: o.pageBreakBefore,
    spacing: o.spacingBefore ? { before: o.spacingBefore } : undefined,
    children: typeof content === 'string' ? runs(content) : content,
  });
}

/** Body paragraphs (two characters indented) from a text: each line of the text its own paragraph. */
export function bodyText(text: string, style: string = STYLE.body): Paragraph[] {
  return clean(text)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => para(l.trim(), { style }));
}

export const title = (text: string): Paragraph => para(text, { style: STYLE.title });
export const blank = (style: string = STYLE.normal): Paragraph => para('', { style });

/** "标签：值" on one line (the label bold is not used: forms print both in 仿宋). */
export const field = (label: string, value: string | undefined, style: string = STYLE.normal): Paragraph =>
  para([...runs(`${label}：`), ...runs(value ?? '')], { style });

/** A check box: ☑ when chosen, □ when not. */
export const box = (checked: boolean): string => (checked ? '☑' : '□');
/** "☑日常检查 □专项检查 …" for a choice among fixed options. */
export const choices = (options: readonly string[], chosen: readonly string[] | string): string =>
  options.map((o) => `${box(Array.isArray(chosen) ? chosen.includes(o) : chosen === o)}${o}`).join('  ');

/** Chinese numerals for list labels (一、二、…). */
export function cn(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n <= 10) return n === 10 ? '十' : (d[n] ?? String(n));
  if (n < 20) return `十${d[n - 10] ?? ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)] ?? ''}十${n % 10 ? (d[n % 10] ?? '') : ''}`;
  return String(n);
}

/** Display width in 字: a CJK character counts 1, an ASCII character ½. */
export const widthInChars = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/**
 * The signature of a document with a seal (GB/T 9704 7.3.5.1): the date four characters in from
 * the right, the agency name centred over it; "（印章）" marks where the seal goes. The block
 * keeps with the line before it: a seal may not stand on a page without body text.
 */
export function sealAndDate(agency: string, isoDate: string | undefined): Paragraph[] {
  const date = isoDate ? formatChineseDate(isoDate) : '年    月    日';
  const shift = Math.max(0, (widthInChars(date) - widthInChars(agency)) / 2);
  return [
    para('', { keepNext: true }),
    para(agency, { align: AlignmentType.RIGHT, indent: { right: Math.round((4 + shift) * CHAR) }, keepNext: true }),
    para(date, { align: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, keepNext: true }),
    para('（印章）', { align: AlignmentType.RIGHT, indent: { right: Math.round((4 + Math.max(0, widthInChars(date) - 4) / 2) * CHAR) } }),
  ];
}

/** A receipt block: the party signs and dates on receiving the document. */
export function receipt(what: string): Paragraph[] {
  return [
    para('- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -', { align: AlignmentType.CENTER, spacingBefore: 240, keepNext: true }),
    para('送 达 回 执', { style: STYLE.cellCenter, keepNext: true }),
    para(`本单位已收到${what}。`, { style: STYLE.cell, keepNext: true }),
    para('被检查单位（签名或盖章）：                  签收日期：      年    月    日', { style: STYLE.cell }),
  ];
}

// ---- Tables ------------------------------------------------------------------------------

export type CellSpec = {
  text?: string;
  paras?: Paragraph[];
  span?: number;
  rowSpan?: number;
  center?: boolean;
  top?: boolean;
};

/** A row of cells, or a row with its own minimum height (twips). */
export type RowSpec = readonly CellSpec[] | { cells: readonly CellSpec[]; minHeight: number };

/**
 * A table with fixed column widths (w:tblLayout fixed): text wraps inside its cell whatever its
 * length, and no column grows to push the table past the margins.
 */
export function fixedTable(
  widths: readonly number[],
  rows: readonly RowSpec[],
  o: { minHeight?: number; header?: number; cellStyle?: string; labelStyle?: string; cellMargin?: number } = {},
): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const covered: number[] = widths.map(() => 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    margins: { left: o.cellMargin ?? 85, right: o.cellMargin ?? 85, top: 30, bottom: 30 },
    borders: {
      top: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      left: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      right: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
    },
    rows: rows.map((row, r) => {
      // Columns still covered by a cell merged down from a row above: docx fills them in, so
      // the cells of this row start after them.
      const skip = covered.map((n) => n > 0);
      let col = 0;
      const cells = 'cells' in row ? row.cells : row;
      const children = cells.map((c) => {
        while (skip[col]) col++;
        const span = c.span ?? 1;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        if (c.rowSpan && c.rowSpan > 1) for (let i = col; i < col + span; i++) covered[i] = c.rowSpan;
        col += span;
        const style = c.center ? (o.labelStyle ?? STYLE.cellCenter) : (o.cellStyle ?? STYLE.cell);
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: span > 1 ? span : undefined,
          rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
          verticalAlign: c.top ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
          children: c.paras ?? clean(c.text ?? '').split('\n').map((line) => para(line, { style })),
        });
      });
      covered.forEach((n, i) => (covered[i] = Math.max(0, n - 1)));
      return new TableRow({
        ...(o.header !== undefined && r < o.header ? { tableHeader: true } : {}),
        // A row is never split across pages: a label would end up apart from half its text.
        cantSplit: true,
        height: { value: 'minHeight' in row ? row.minHeight : (o.minHeight ?? 560), rule: HeightRule.ATLEAST },
        children,
      });
    }),
  });
}

/** Column widths scaled from relative weights to fill `total` twips exactly. */
export function columns(weights: readonly number[], total: number = TYPE_AREA.width): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  out[out.length - 1] = (out[out.length - 1] ?? 0) + total - out.reduce((a, b) => a + b, 0);
  return out;
}

// ---- The document ---------------------------------------------------------------------------

/**
 * The options of a Document made here other than its title and sections, as text. docx derives
 * the package's fixed parts (theme, settings, numbering, notes, properties) from these options,
 * not from the sections, so documents with the same text share them: the app's packer writes
 * them once per text (services/documents/pack.ts, which also notices a body that adds a list or
 * a note). Whatever option is added below is in the text by construction.
 */
const FRAMES = new WeakMap<Document, string>();

/** The frame text of a Document made by `makeDocument`; undefined for any other Document. */
export const frameOf = (doc: Document): string | undefined => FRAMES.get(doc);

/** A Document (its styles part comes from styles.ts at packing); `evenOdd` turns on separate even-page footers. */
export function makeDocument(o: { title: string; sections: ISectionOptions[]; evenOdd?: boolean }): Document {
  const options = {
    creator: 'InspectDesk 涉企行政检查工作台',
    title: clean(o.title),
    evenAndOddHeaderAndFooters: o.evenOdd ?? false,
    sections: o.sections,
  };
  const doc = new Document(options);
  const { title: _title, sections: _sections, ...frame } = options;
  FRAMES.set(doc, JSON.stringify(frame));
  return doc;
}

export type { FileChild };

/** The head of an enforcement document: agency and document name as a two-line title, the number flush right. */
export function docHead(agency: string, name: string, docNumber: string): Paragraph[] {
  return [title(agency), title(name), para(docNumber, { align: AlignmentType.RIGHT }), blank()];
}

/** A heading of the 一、（一）… scheme: level 1 in 黑体, level 2 in 楷体. */
export const heading = (text: string, level: 1 | 2 = 1): Paragraph => para(text, { style: level === 1 ? STYLE.h1 : STYLE.h2, keepNext: true });

/** "（一）…" body paragraphs for a list of texts. */
export const enumerated = (items: readonly string[]): Paragraph[] => items.map((t, i) => para(`（${cn(i + 1)}）${t}`, { style: STYLE.body }));

/** "联系人：张伟    联系电话：…", the last body line: it stays on the page of the seal below it. */
export const contactLine = (c: { name: string; phone: string }): Paragraph =>
  para(`联系人：${c.name}    联系电话：${c.phone}`, { style: STYLE.body, keepNext: true });

/** "张伟（执法证号：43030219001）、李娜（…）". */
export const officersLine = (team: readonly { name: string; certificateNo: string }[]): string =>
  team.map((o) => `${o.name}（执法证号：${o.certificateNo}）`).join('、');
