import {
  AlignmentType,
  Footer,
  type IFontAttributesProperties,
  type ISectionPropertiesOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';

/**
 * Page and text styles of GB/T 9704-2012 《党政机关公文格式》 (DOMAIN.md §4), shared by every
 * document kind. All lengths are twips (1/20 pt; 1 mm = 56.69 twips), sizes half-points.
 */

export const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** A4 portrait with the standard's margins: top 37, bottom 35, left (binding) 28, right 26 mm. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;
/** The 版心 (type area), 156 × 225 mm: 8845 × 12756 twips. */
export const TYPE_AREA = {
  width: PAGE.width - PAGE.margin.left - PAGE.margin.right,
  height: PAGE.height - PAGE.margin.top - PAGE.margin.bottom,
} as const;

/** Half-point sizes of the Chinese 字号 used here. */
export const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21, 小五: 18 } as const;

/**
 * 22 lines of 28 characters fill the type area. Line pitch: 12756 / 22 = 579.8 twips; 579
 * (28.95 pt) is the largest whole value whose 22 lines still fit — 29 pt (580) pushes the
 * 22nd line onto the next page. The same value is the exact line spacing of body text, so
 * Word and WPS (which let exact spacing override the grid) and LibreOffice agree.
 */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);
/**
 * Character grid: w:charSpace is (character pitch − Normal font size) in points × 4096.
 * 8845 twips / 28 = 15.795 pt against a 16 pt body, so −841.1; rounding away from zero to
 * −842 keeps 28 × pitch inside the type area (a pitch a hair too wide gives 27 per line).
 * The section carries this grid (Word's page setup reads 22 × 28); the text styles below opt
 * out of it and reach 28 per line by character spacing instead — see BODY_CHAR_SPACING.
 */
export const CHAR_SPACE = Math.floor((TYPE_AREA.width / 20 / CHARS_PER_LINE - SIZE.三号 / 2) * 4096);
/** One character (字) of 三号 body text, the standard's horizontal unit. */
export const CHAR = 320;

/** Page-number footer: the top of "— 1 —" 7 mm below the type area, i.e. 28 mm above the edge. */
const FOOTER_LINE = 280;
export const FOOTER_DISTANCE = mm(28) - FOOTER_LINE;

export const FONT = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
  latin: 'Times New Roman',
} as const;

/**
 * Run fonts: the Chinese face for East Asian text, Times New Roman for Latin letters and
 * digits (office practice), and hint=eastAsia so ambiguous characters (“”、—、…) take the
 * Chinese face and stay full-width.
 */
export const fontsFor = (eastAsia: string, latin: string = FONT.latin): IFontAttributesProperties => ({
  eastAsia,
  ascii: latin,
  hAnsi: latin,
  cs: latin,
  hint: 'eastAsia',
});

/** Paragraph style ids, for `new Paragraph({ style: STYLE.body })`. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  body: 'BodyText',
  h1: 'Heading1',
  h2: 'Heading2',
  h3: 'Heading3',
  h4: 'Heading4',
  cell: 'TableText',
  cellCenter: 'TableLabel',
  cellSmall: 'TableTextSmall',
  cellSmallCenter: 'TableLabelSmall',
  small: 'SmallText',
  pageNumber: 'PageNumber',
  mark: 'AgencyMark',
  record: 'RecordText',
  footnote: 'SignatureLine',
  ledger: 'LedgerText',
  ledgerHead: 'LedgerHead',
} as const;

/**
 * Why the text styles leave the character grid (w:snapToGrid=0) and set −0.3 pt character
 * spacing instead: Word and WPS add the grid's (negative) delta to each character, so 三号 text
 * lands 28 to a line, but LibreOffice never compresses — it gives each 16 pt character two
 * 15.8 pt cells (14 to a line), and small table text a full cell each. With the grid left to the
 * section (page setup still reads 22 lines × 28 characters) and 16 − 0.3 = 15.7 pt per character
 * (28 × 15.7 = 439.6 pt ≤ 442.25 pt of line < 29 × 15.7), Word, WPS and LibreOffice all set 28
 * characters and, with exact 28.95 pt spacing, 22 lines. (−0.25 pt would do on paper, but
 * LibreOffice rounds it to a hair less and then fits only 27.)
 */
export const BODY_CHAR_SPACING = -6;
/** Two characters of body text at that spacing: the first-line indent. */
export const INDENT_2 = 2 * (CHAR + BODY_CHAR_SPACING);

type StyleDef = {
  id: string;
  name: string;
  font: string;
  latin?: string;
  size: number;
  line: number;
  jc?: 'both' | 'left' | 'center' | 'right';
  firstLine?: number;
  charSpacing?: number;
  keepNext?: boolean;
  outline?: number;
  color?: string;
};

const STYLE_DEFS: StyleDef[] = [
  { id: STYLE.normal, name: 'Normal', font: FONT.fangsong, size: SIZE.三号, line: LINE_PITCH, jc: 'both', charSpacing: BODY_CHAR_SPACING },
  { id: STYLE.title, name: 'Title', font: FONT.xiaobiaosong, size: SIZE.二号, line: LINE_PITCH, jc: 'center' },
  { id: STYLE.body, name: 'Body Text', font: FONT.fangsong, size: SIZE.三号, line: LINE_PITCH, jc: 'both', firstLine: INDENT_2, charSpacing: BODY_CHAR_SPACING },
  // 层次序数 一、（一）1.（1）: 黑体, 楷体, 仿宋, 仿宋 — indented like the body.
  { id: STYLE.h1, name: 'heading 1', font: FONT.heiti, size: SIZE.三号, line: LINE_PITCH, jc: 'both', firstLine: INDENT_2, charSpacing: BODY_CHAR_SPACING, keepNext: true, outline: 0 },
  { id: STYLE.h2, name: 'heading 2', font: FONT.kaiti, size: SIZE.三号, line: LINE_PITCH, jc: 'both', firstLine: INDENT_2, charSpacing: BODY_CHAR_SPACING, keepNext: true, outline: 1 },
  { id: STYLE.h3, name: 'heading 3', font: FONT.fangsong, size: SIZE.三号, line: LINE_PITCH, jc: 'both', firstLine: INDENT_2, charSpacing: BODY_CHAR_SPACING, keepNext: true, outline: 2 },
  { id: STYLE.h4, name: 'heading 4', font: FONT.fangsong, size: SIZE.三号, line: LINE_PITCH, jc: 'both', firstLine: INDENT_2, charSpacing: BODY_CHAR_SPACING, outline: 3 },
  // Forms: 四号 in cells, 18 pt lines.
  { id: STYLE.cell, name: 'Table Text', font: FONT.fangsong, size: SIZE.四号, line: 360, jc: 'left' },
  { id: STYLE.cellCenter, name: 'Table Label', font: FONT.fangsong, size: SIZE.四号, line: 360, jc: 'center' },
  // Dense forms (the approval form has eighteen rows): 小四.
  { id: STYLE.cellSmall, name: 'Table Text Small', font: FONT.fangsong, size: SIZE.小四, line: 320, jc: 'left' },
  { id: STYLE.cellSmallCenter, name: 'Table Label Small', font: FONT.fangsong, size: SIZE.小四, line: 320, jc: 'center' },
  { id: STYLE.small, name: 'Small Text', font: FONT.fangsong, size: SIZE.小四, line: 360, jc: 'both' },
  // Records (笔录) are written in 四号 throughout; their free text is indented two characters.
  { id: STYLE.record, name: 'Record Text', font: FONT.fangsong, size: SIZE.四号, line: 360, jc: 'both', firstLine: 2 * 280 },
  { id: STYLE.footnote, name: 'Signature Line', font: FONT.fangsong, size: SIZE.五号, line: 330, jc: 'left' },
  // The landscape ledger: 小五 in 17 columns.
  { id: STYLE.ledger, name: 'Ledger Text', font: FONT.fangsong, size: SIZE.小五, line: 260, jc: 'left' },
  { id: STYLE.ledgerHead, name: 'Ledger Head', font: FONT.heiti, size: SIZE.小五, line: 260, jc: 'center' },
  // 4号半角宋体 page numbers: the Latin slots name 宋体 too.
  { id: STYLE.pageNumber, name: 'Page Number Line', font: FONT.songti, latin: FONT.songti, size: SIZE.四号, line: FOOTER_LINE },
  // 发文机关标志 of the 信函格式: red 小标宋.
  { id: STYLE.mark, name: 'Agency Mark', font: FONT.xiaobiaosong, size: 60, line: 900, jc: 'center', color: 'FF0000' },
];

const rFonts = (eastAsia: string, latin: string = FONT.latin) =>
  `<w:rFonts w:ascii="${latin}" w:eastAsia="${eastAsia}" w:hAnsi="${latin}" w:cs="${latin}" w:hint="eastAsia"/>`;

function styleXml(d: StyleDef): string {
  const basedOn = d.id === STYLE.normal ? '' : `<w:basedOn w:val="${STYLE.normal}"/>`;
  const ppr =
    (d.keepNext ? '<w:keepNext/>' : '') +
    '<w:snapToGrid w:val="0"/>' +
    `<w:spacing w:before="0" w:after="0" w:line="${d.line}" w:lineRule="exact"/>` +
    `<w:ind w:firstLine="${d.firstLine ?? 0}"/>` +
    (d.jc ? `<w:jc w:val="${d.jc}"/>` : '') +
    (d.outline !== undefined ? `<w:outlineLvl w:val="${d.outline}"/>` : '');
  const rpr =
    rFonts(d.font, d.latin) +
    `<w:color w:val="${d.color ?? '000000'}"/><w:spacing w:val="${d.charSpacing ?? 0}"/>` +
    `<w:sz w:val="${d.size}"/><w:szCs w:val="${d.size}"/>`;
  const def = d.id === STYLE.normal ? ' w:default="1"' : '';
  return `<w:style w:type="paragraph"${def} w:styleId="${d.id}"><w:name w:val="${d.name}"/>${basedOn}<w:qFormat/><w:pPr>${ppr}</w:pPr><w:rPr>${rpr}</w:rPr></w:style>`;
}

/**
 * word/styles.xml, written whole (a Packer override) so every property is ours: docDefaults
 * with the body font, size and zh-CN language; Normal (the grid's reference size) at 三号.
 */
export const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts(FONT.fangsong)}<w:sz w:val="${SIZE.三号}"/><w:szCs w:val="${SIZE.三号}"/>` +
  '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
  `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="${LINE_PITCH}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  STYLE_DEFS.map(styleXml).join('') +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '</w:styles>';

/** Section properties: A4 portrait (or landscape for ledgers), the margins and the 22 × 28 grid. */
export function sectionProperties(opts: { landscape?: boolean; titlePage?: boolean; footer?: number; header?: number } = {}): ISectionPropertiesOptions {
  const m = PAGE.margin;
  return {
    page: {
      // docx swaps width and height itself for a landscape page: always pass the portrait sizes.
      size: { width: PAGE.width, height: PAGE.height, orientation: opts.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      // Landscape tables turn the type area with the sheet: 225 mm wide, 156 mm high, the
      // binding edge (28 mm) now at the top.
      margin: opts.landscape
        ? { top: m.left, bottom: m.right, left: m.top, right: m.bottom, header: mm(15), footer: mm(12) }
        : { top: m.top, bottom: m.bottom, left: m.left, right: m.right, header: opts.header ?? mm(15), footer: opts.footer ?? FOOTER_DISTANCE },
    },
    grid: { type: 'linesAndChars', linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
    titlePage: opts.titlePage,
  };
}

const dashes = (side: 'odd' | 'even', lift: number) =>
  new Paragraph({
    style: STYLE.pageNumber,
    spacing: lift ? { after: lift } : undefined,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: CHAR } : { left: CHAR },
    // 半角宋体 digits: the Latin slots name 宋体 too.
    children: [new TextRun({ font: fontsFor(FONT.songti, FONT.songti), size: SIZE.四号, children: ['— ', PageNumber.CURRENT, ' —'] })],
  });

/**
 * "— 1 —" footers: odd pages right (one character in), even pages left. The document must set
 * `evenAndOddHeaderAndFooters: true` for Word to use the even one. `lift` raises the number
 * when the section's footer distance is smaller than FOOTER_DISTANCE (the 信函格式).
 */
export function pageNumberFooters(lift = 0): { default: Footer; even: Footer } {
  return { default: new Footer({ children: [dashes('odd', lift)] }), even: new Footer({ children: [dashes('even', lift)] }) };
}

/** Every name in FONT with the data Word needs to substitute it (altName, charset 86 = GB2312). */
const FONT_TABLE: readonly [string, string, string, string, string][] = [
  // name, altName, panose, family, pitch
  [FONT.latin, '', '02020603050405020304', 'roman', 'variable'],
  [FONT.fangsong, '仿宋', '02010609030101010101', 'modern', 'fixed'],
  [FONT.xiaobiaosong, '宋体', '02000000000000000000', 'auto', 'variable'],
  [FONT.heiti, 'SimHei', '02010609060101010101', 'modern', 'fixed'],
  [FONT.kaiti, '楷体', '02010609030101010101', 'modern', 'fixed'],
  [FONT.songti, 'SimSun', '02010600030101010101', 'auto', 'variable'],
];

/**
 * word/fontTable.xml, passed to Packer as an override: docx writes an empty table, which
 * leaves Word and WPS no hint when 仿宋_GB2312 or 方正小标宋简体 is not installed.
 */
export const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  FONT_TABLE.map(
    ([name, alt, panose, family, pitch]) =>
      `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:panose1 w:val="${panose}"/>` +
      `<w:charset w:val="${name === FONT.latin ? '00' : '86'}"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  ).join('') +
  '</w:fonts>';

/** The parts every document replaces after docx has written its own. */
export const PACKAGE_OVERRIDES: readonly { path: string; data: string }[] = [
  { path: 'word/styles.xml', data: STYLES_XML },
  { path: 'word/fontTable.xml', data: FONT_TABLE_XML },
];

// ---- Numbers and dates ------------------------------------------------------------------

/**
 * A document number from a pattern such as '{abbr}〔{year}〕{serial}号': the year in full inside
 * 六角括号 (U+3014/U+3015; [ ] （ ） 【 】 around the year are corrected), the serial without
 * padding and without 第. E.g. 衡东市监检通〔2025〕12号.
 */
export function formatDocNumber(pattern: string, v: { abbr: string; year: number; serial: number }): string {
  if (!Number.isInteger(v.year) || v.year < 1900 || v.year > 2999) throw new RangeError(`年份不正确：${v.year}`);
  if (!Number.isInteger(v.serial) || v.serial < 1) throw new RangeError(`序号应为正整数：${v.serial}`);
  const fixed = pattern.replace(/[[［(（【〔]\s*\{year\}\s*[\]］)）】〕]/u, '〔{year}〕').replace(/第\s*\{serial\}/u, '{serial}');
  return fixed
    .replace(/\{abbr\}/gu, v.abbr.trim())
    .replace(/\{year\}/gu, String(v.year))
    .replace(/\{serial\}/gu, String(v.serial));
}

/** The default pattern of DOMAIN.md §3: ×检通〔2025〕12号. */
export const DEFAULT_DOC_NUMBER_PATTERN = '{abbr}〔{year}〕{serial}号';

function parts(value: string | Date): [number, number, number, number?, number?] {
  if (value instanceof Date) return [value.getFullYear(), value.getMonth() + 1, value.getDate(), value.getHours(), value.getMinutes()];
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/u.exec(value.trim());
  if (!m) throw new RangeError(`日期格式不正确：${value}`);
  const n = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  return n as [number, number, number, number?, number?];
}

/** '2025-02-18' (or a Date) → 2025年2月18日: Arabic numerals, no zero padding. */
export function formatChineseDate(value: string | Date): string {
  const [y, m, d] = parts(value);
  return `${y}年${m}月${d}日`;
}

/** '2025-02-18T09:05' → 2025年2月18日9时05分 (minutes keep two digits, as forms write them). */
export function formatChineseDateTime(value: string | Date): string {
  const [, , , h = 0, min = 0] = parts(value);
  return `${formatChineseDate(value)}${h}时${String(min).padStart(2, '0')}分`;
}

/** '2025-02-18T09:05' → 9时05分, for "至…" in a range on the same day. */
export function formatTime(value: string): string {
  const [, , , h = 0, min = 0] = parts(value);
  return `${h}时${String(min).padStart(2, '0')}分`;
}
