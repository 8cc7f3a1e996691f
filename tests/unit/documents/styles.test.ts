import { describe, expect, it } from 'vitest';
import {
  CHAR_SPACE,
  FONT_TABLE_XML,
  LINE_PITCH,
  PAGE,
  STYLES_XML,
  TYPE_AREA,
  formatChineseDate,
  formatChineseDateTime,
  formatDocNumber,
  DEFAULT_DOC_NUMBER_PATTERN,
} from '../../../electron/documents/styles';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/schemas/documents';
import { allAttrs, assertWellFormed, attrs } from './support/docx';
import { build, footers } from './support/build';

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** The w:style element of one style id. */
const styleXml = (xml: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`, 'u').exec(xml)?.[0] ?? '';

describe('GB/T 9704-2012 page setup', () => {
  it('derives the type area and the 22 × 28 grid from the margins', () => {
    expect(PAGE).toEqual({ width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } });
    expect(TYPE_AREA).toEqual({ width: 8845, height: 12756 });
    // 22 lines at 579 twips fit the 225 mm type area; 580 (29 pt) would not.
    expect(LINE_PITCH).toBe(579);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(TYPE_AREA.height);
    expect(22 * 580).toBeGreaterThan(TYPE_AREA.height);
    // charSpace: (pitch − 16 pt) × 4096, 28 pitches within the line.
    expect(CHAR_SPACE).toBe(-842);
    expect(28 * (16 + CHAR_SPACE / 4096) * 20).toBeLessThanOrEqual(TYPE_AREA.width);
  });

  it.each(KINDS.filter((k) => k !== 'inspectionRegister'))('%s: A4 portrait, the margins, the grid', async (kind) => {
    const d = await build(kind);
    const doc = d.xml('word/document.xml');
    expect(attrs(doc, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(doc, 'w:pgMar')).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' });
    expect(attrs(doc, 'w:docGrid')).toEqual({ 'w:type': 'linesAndChars', 'w:linePitch': '579', 'w:charSpace': '-842' });
  });

  it('turns the register to landscape with the type area turned too', async () => {
    const doc = (await build('inspectionRegister')).xml('word/document.xml');
    expect(attrs(doc, 'w:pgSz')).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    expect(attrs(doc, 'w:pgMar')).toMatchObject({ 'w:top': '1587', 'w:bottom': '1474', 'w:left': '2098', 'w:right': '1984' });
  });
});

describe('fonts and text styles', () => {
  it('names the Chinese faces in w:eastAsia with Latin fallbacks, 三号 body, 二号 title', () => {
    assertWellFormed(STYLES_XML, 'styles.xml');
    expect(attrs(STYLES_XML.replace(/^[\s\S]*?<w:docDefaults>/u, ''), 'w:rFonts')).toEqual({
      'w:ascii': 'Times New Roman',
      'w:eastAsia': '仿宋_GB2312',
      'w:hAnsi': 'Times New Roman',
      'w:cs': 'Times New Roman',
      'w:hint': 'eastAsia',
    });
    expect(attrs(STYLES_XML, 'w:lang')).toMatchObject({ 'w:eastAsia': 'zh-CN' });
    const cases: [string, string, string][] = [
      ['Normal', '仿宋_GB2312', '32'],
      ['BodyText', '仿宋_GB2312', '32'],
      ['Title', '方正小标宋简体', '44'],
      ['Heading1', '黑体', '32'],
      ['Heading2', '楷体_GB2312', '32'],
      ['Heading3', '仿宋_GB2312', '32'],
      ['Heading4', '仿宋_GB2312', '32'],
      ['PageNumber', '宋体', '28'],
    ];
    for (const [id, face, sz] of cases) {
      const s = styleXml(STYLES_XML, id);
      expect(attrs(s, 'w:rFonts')?.['w:eastAsia'], id).toBe(face);
      expect(attrs(s, 'w:sz')?.['w:val'], id).toBe(sz);
    }
    // Page numbers are 半角宋体: the Latin slots name 宋体 too.
    expect(attrs(styleXml(STYLES_XML, 'PageNumber'), 'w:rFonts')).toMatchObject({ 'w:ascii': '宋体', 'w:hAnsi': '宋体' });
  });

  it('sets exact line spacing, a two-character first-line indent and centred titles', () => {
    const body = styleXml(STYLES_XML, 'BodyText');
    expect(attrs(body, 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(attrs(body, 'w:ind')).toEqual({ 'w:firstLine': String(2 * (320 - 6)) });
    expect(attrs(styleXml(STYLES_XML, 'Title'), 'w:jc')).toEqual({ 'w:val': 'center' });
    for (const h of ['Heading1', 'Heading2']) expect(attrs(styleXml(STYLES_XML, h), 'w:ind')?.['w:firstLine']).toBe(String(2 * (320 - 6)));
  });

  it('gives Word and WPS substitutes for the office faces in the font table', () => {
    assertWellFormed(FONT_TABLE_XML, 'fontTable.xml');
    const fonts = allAttrs(FONT_TABLE_XML, 'w:font').map((f) => f['w:name']);
    expect(fonts).toEqual(expect.arrayContaining(['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体', 'Times New Roman']));
    expect(FONT_TABLE_XML).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/u);
    expect(FONT_TABLE_XML).toContain('<w:charset w:val="86"/>');
  });

  it('ships the styles and font table in every package', async () => {
    const d = await build('resultNotice');
    expect(d.xml('word/styles.xml')).toBe(STYLES_XML);
    expect(d.xml('word/fontTable.xml')).toBe(FONT_TABLE_XML);
  });
});

describe('page numbers', () => {
  it('puts "— n —" in 4号宋体 right on odd pages and left on even pages', async () => {
    const d = await build('resultNotice');
    expect(d.xml('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const doc = d.xml('word/document.xml');
    const refs = allAttrs(doc, 'w:footerReference');
    expect(refs.map((r) => r['w:type']).sort()).toEqual(['default', 'even']);
    const byType = new Map(refs.map((r) => [r['w:type'], r['r:id']]));
    const rels = d.xml('word/_rels/document.xml.rels');
    const target = (id?: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)?.[1] ?? '';
    const odd = d.xml(`word/${target(byType.get('default'))}`);
    const even = d.xml(`word/${target(byType.get('even'))}`);
    for (const f of [odd, even]) {
      expect(f).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/u);
      expect(f).toContain('— </w:t>');
      expect(f).toContain(' —</w:t>');
      expect(f).toContain('w:val="PageNumber"');
    }
    expect(attrs(odd, 'w:jc')).toEqual({ 'w:val': 'right' });
    expect(attrs(odd, 'w:ind')).toMatchObject({ 'w:right': '320' });
    expect(attrs(even, 'w:jc')).toEqual({ 'w:val': 'left' });
    expect(attrs(even, 'w:ind')).toMatchObject({ 'w:left': '320' });
  });

  it('places the footer so that the number sits 7 mm below the type area', async () => {
    const doc = (await build('resultNotice')).xml('word/document.xml');
    // 28 mm from the edge to the top of the number's line, minus that 14 pt line.
    expect(attrs(doc, 'w:pgMar')?.['w:footer']).toBe(String(1587 - 280));
  });

  it('numbers every page of a record 第 页 共 页 (PAGE and NUMPAGES)', async () => {
    const [xml] = [...footers(await build('onSiteRecord')).values()];
    expect(xml).toMatch(/>PAGE</u);
    expect(xml).toMatch(/>NUMPAGES</u);
    expect(xml).toContain('第 </w:t>');
    expect(xml).toContain(' 页  共 </w:t>');
  });
});

describe('document numbers and dates', () => {
  it('formats numbers with 六角括号 and no padding', () => {
    expect(formatDocNumber(DEFAULT_DOC_NUMBER_PATTERN, { abbr: '衡东市监检通', year: 2025, serial: 12 })).toBe('衡东市监检通〔2025〕12号');
    expect(formatDocNumber('{abbr}〔{year}〕{serial}号', { abbr: '岳市监检通', year: 2025, serial: 1 })).toBe('岳市监检通〔2025〕1号');
    const n = formatDocNumber(DEFAULT_DOC_NUMBER_PATTERN, { abbr: 'X', year: 2025, serial: 3 });
    expect([...n].map((c) => c.codePointAt(0))).toContain(0x3014);
    expect([...n].map((c) => c.codePointAt(0))).toContain(0x3015);
  });

  it('corrects wrong brackets and a 第 before the serial', () => {
    for (const p of ['{abbr}[{year}]{serial}号', '{abbr}（{year}）{serial}号', '{abbr}【{year}】{serial}号', '{abbr}({year})第{serial}号']) {
      expect(formatDocNumber(p, { abbr: '衡东市监检通', year: 2025, serial: 12 })).toBe('衡东市监检通〔2025〕12号');
    }
  });

  it('refuses a serial below 1 or a short year', () => {
    expect(() => formatDocNumber(DEFAULT_DOC_NUMBER_PATTERN, { abbr: 'X', year: 2025, serial: 0 })).toThrow(/序号/u);
    expect(() => formatDocNumber(DEFAULT_DOC_NUMBER_PATTERN, { abbr: 'X', year: 25, serial: 1 })).toThrow(/年份/u);
  });

  it('writes dates as 2025年2月18日 without zero padding', () => {
    expect(formatChineseDate('2025-02-18')).toBe('2025年2月18日');
    expect(formatChineseDate('2025-10-01')).toBe('2025年10月1日');
    expect(formatChineseDate(new Date(2025, 0, 5))).toBe('2025年1月5日');
    expect(formatChineseDateTime('2025-03-05T09:05')).toBe('2025年3月5日9时05分');
    expect(() => formatChineseDate('18/02/2025')).toThrow(/日期格式/u);
  });
});
