import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentKind, checkDocumentData } from '../../../shared/schemas/documents';
import { LONG, OFFICERS, RARE, SPECIAL, sample } from '../../fixtures/documents/samples';
import { allAttrs, assertWellFormed, body, paragraphs, tables, textOf } from './support/docx';
import { build } from './support/build';

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every string leaf's path in a sample. */
function stringPaths(v: Json, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]));
  return [];
}
function setAt(root: Json, path: (string | number)[], f: (s: string) => string): void {
  let o = root as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  o[last] = f(o[last] as string);
}

/**
 * The sample with `f` applied to every free-text field: fields whose format is fixed (dates,
 * choices) are left alone when the changed value would not validate.
 */
function everyText(kind: DocumentKind, f: (s: string) => string): Json {
  const data = sample(kind) as unknown as Json;
  for (const p of stringPaths(data)) {
    const trial = structuredClone(data);
    setAt(trial, p, f);
    if (checkDocumentData(kind, trial).ok) setAt(data, p, f);
  }
  return data;
}

/** Every XML part of a package is well-formed. */
function allWellFormed(files: Map<string, Buffer>): void {
  for (const [path, bytes] of files) if (/\.(xml|rels)$/u.test(path)) assertWellFormed(bytes.toString('utf8'), path);
}

const docText = (d: { xml: (p: string) => string; files: Map<string, Buffer> }) =>
  [...d.files.keys()].filter((p) => /^word\/(document|header\d+|footer\d+)\.xml$/u.test(p)).map((p) => textOf(d.xml(p))).join('\n');

describe('bad input holds', () => {
  it.each(KINDS)('%s: XML special characters in every text field stay text, the XML stays valid', async (kind) => {
    const d = await build(kind, everyText(kind, (s) => `${s}${SPECIAL}`));
    allWellFormed(d.files);
    expect(docText(d)).toContain(SPECIAL);
  });

  it.each(KINDS)('%s: control characters and lone surrogates are dropped, a surrogate pair (𠀾) survives', async (kind) => {
    const d = await build(kind, everyText(kind, (s) => `${s}\u0001\u000b\ud800${RARE}\uffff`));
    allWellFormed(d.files);
    const t = docText(d);
    expect(t).toContain(RARE);
    expect(d.xml('word/document.xml')).toContain('𠀾');
    expect(Buffer.from(d.xml('word/document.xml'), 'utf8').includes(Buffer.from([0xf0, 0xa0, 0x80, 0xbe]))).toBe(true);
    for (const c of ['\u0001', '\u000b', '\uffff', '\ud800']) expect(t.includes(c)).toBe(false);
  });

  it.each(KINDS)('%s: very long names and addresses wrap inside fixed-width tables', async (kind) => {
    const d = await build(kind, everyText(kind, (s) => (s.length > 3 && !/^\d/u.test(s) ? LONG : s)));
    allWellFormed(d.files);
    expect(docText(d)).toContain(LONG.slice(0, 40));
    const xml = body(d);
    for (const tbl of xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/gu) ?? []) {
      expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
      const grid = allAttrs(tbl, 'w:gridCol').map((g) => Number(g['w:w']));
      const width = Number(allAttrs(tbl, 'w:tblW')[0]?.['w:w']);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(width);
      expect(width).toBeLessThanOrEqual(kind === 'inspectionRegister' ? 12756 : 8845);
      // Every row's cells (merged continuations included) add up to the table: no row juts out.
      for (const tr of tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/gu) ?? []) {
        expect(allAttrs(tr, 'w:tcW').reduce((a, tc) => a + Number(tc['w:w']), 0)).toBe(width);
      }
    }
  });

  it('builds every kind with its optional fields left out', async () => {
    const optional: { [K in DocumentKind]?: string[] } = {
      filingForm: ['jointAgencies', 'inspectionEndDate', 'headOpinion'],
      approvalForm: ['taskSourceNote', 'leadAgency', 'cooperatingAgencies', 'plannedEndDate', 'planNo', 'remark'],
      inspectionNotice: ['content', 'assistantCount'],
      onSiteRecord: ['inspectionNo', 'scanTime', 'itemListNos', 'evidence', 'witness'],
      offSiteRecord: ['findings', 'handler', 'reviewer', 'attachments'],
      resultNotice: ['rectification', 'recheck'],
      transferLetter: ['agencyMark', 'attachments'],
      inspectionRegister: ['preparedBy', 'preparedDate'],
    };
    for (const kind of KINDS) {
      const d = sample(kind) as Record<string, unknown>;
      for (const k of optional[kind] ?? []) delete d[k];
      if (kind === 'approvalForm' || kind === 'onSiteRecord') {
        const e = (d.enterprise ?? d.party) as Record<string, unknown>;
        for (const k of ['creditCode', 'address', 'legalRepresentative', 'phone']) delete e[k];
      }
      const built = await build(kind, d);
      allWellFormed(built.files);
      expect(paragraphs(body(built)).join('')).not.toContain('undefined');
    }
  });

  it('lists a team of eight on every document that names the team', async () => {
    const certs = OFFICERS.map((o) => o.certificateNo);
    for (const kind of ['inspectionNotice', 'onSiteRecord', 'offSiteRecord', 'approvalForm'] as const) {
      const d = sample(kind);
      d.team = OFFICERS;
      const t = docText(await build(kind, d));
      for (const c of certs) expect(t, `${kind} ${c}`).toContain(c);
    }
    const f = sample('filingForm');
    f.others = OFFICERS.slice(1);
    const [t] = tables(body(await build('filingForm', f)));
    expect((t ?? []).flat().filter((c) => certs.includes(c))).toEqual(certs);
  });

  it('puts every officer of a team of eight in the record footer, two to a line', async () => {
    const d = sample('onSiteRecord');
    d.team = OFFICERS;
    const built = await build('onSiteRecord', d);
    const footer = [...built.files.keys()].find((k) => /footer\d+\.xml$/u.test(k)) ?? '';
    const lines = paragraphs(built.xml(footer)).filter((l) => l.includes('__________（4303'));
    expect(lines).toHaveLength(4);
  });
});
