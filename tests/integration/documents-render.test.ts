import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/schemas/documents';
import { buildDocument } from '../../electron/documents';
import { OFFICERS, OFFICE_SECRET, sample } from '../fixtures/documents/samples';

/**
 * Independent readers: every kind is converted to PDF by LibreOffice (all files in one soffice
 * call — it takes seconds to start) and its page count checked with pdfinfo; python-docx reads
 * the key values back; pdftotext shows the page-number fields were evaluated. Fonts: the
 * fixture's fontconfig maps the office faces to Noto CJK, as Word's altName would to 仿宋 etc.
 * CI installs libreoffice-writer, python3-docx and poppler-utils; without them this file skips.
 */

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];
const FONTS_CONF = path.resolve(__dirname, '../fixtures/documents/fonts.conf');

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;
/** A python3 that can import docx (a pyenv shim may shadow the system one that has it). */
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => has(p, ['-c', 'import docx']));
const missing = [
  has('soffice', ['--version']) ? '' : 'soffice (libreoffice-writer)',
  has('pdfinfo', ['-v']) ? '' : 'pdfinfo (poppler-utils)',
  PYTHON ? '' : 'python3-docx',
].filter(Boolean);
const SKIP = missing.length ? `跳过：未安装 ${missing.join('、')}` : '';
if (SKIP) console.warn(`documents-render: ${SKIP}`);

/** Pages as LibreOffice lays out the samples (Noto CJK standing in for the office faces). */
const EXPECTED_PAGES: Record<DocumentKind, number> = {
  filingForm: 3, // three copies, a page each, with a team of eight
  approvalForm: 1,
  inspectionNotice: 3,
  onSiteRecord: 2, // long findings below: the record runs over
  offSiteRecord: 1,
  resultNotice: 2,
  rectificationOrder: 2,
  transferLetter: 1,
  inspectionRegister: 2, // landscape; the heading row repeats
};

function data(kind: DocumentKind): unknown {
  const d = sample(kind);
  // The largest team the forms are laid out for: each copy of the 备案表 must still fit its page.
  if (kind === 'filingForm') (d as ReturnType<typeof sample<'filingForm'>>).others = OFFICERS.slice(1);
  if (kind === 'onSiteRecord') {
    const r = d as ReturnType<typeof sample<'onSiteRecord'>>;
    r.findings = Array.from({ length: 14 }, (_, i) => `第${i + 1}项：现场查看了车间第${i + 1}区的原料存放、设备运行和人员操作情况，记录台账齐全，标识清楚，与企业提交的材料一致。`).join('\n');
  }
  return d;
}

describe.skipIf(!!SKIP)(`documents render in LibreOffice${SKIP ? `（${SKIP}）` : ''}`, () => {
  let dir = '';
  const file = (kind: DocumentKind, ext: string) => path.join(dir, `${kind}.${ext}`);
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF } });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.error?.message}`);
    return r.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-render-'));
    for (const kind of KINDS) writeFileSync(file(kind, 'docx'), await buildDocument(kind, data(kind), { officeSecret: OFFICE_SECRET }));
    // Its own profile: a LibreOffice already running for the user would otherwise take the job.
    run('soffice', [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...KINDS.map((k) => file(k, 'docx')),
    ]);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(KINDS)('%s: converts to PDF with the expected number of A4 pages', (kind) => {
    const info = run('pdfinfo', [file(kind, 'pdf')]);
    expect(Number(/^Pages:\s+(\d+)/mu.exec(info)?.[1]), kind).toBe(EXPECTED_PAGES[kind]);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/mu.exec(info);
    const [w, h] = [Number(size?.[1]), Number(size?.[2])];
    const expected = kind === 'inspectionRegister' ? [841.89, 595.28] : [595.28, 841.89];
    expect(Math.abs(w - (expected[0] ?? 0))).toBeLessThan(1);
    expect(Math.abs(h - (expected[1] ?? 0))).toBeLessThan(1);
  });

  it('reads the key values back with python-docx', () => {
    const script = [
      'import docx, json, sys',
      'out = {}',
      'for name in sys.argv[1:]:',
      '    d = docx.Document(name)',
      '    s = d.sections[0]',
      '    out[name.rsplit("/", 1)[-1].split(".")[0]] = {',
      '        "paras": [p.text for p in d.paragraphs],',
      '        "cells": [[c.text for c in r.cells] for t in d.tables for r in t.rows],',
      '        "footer": [p.text for p in s.footer.paragraphs],',
      '        "firstHeader": [p.text for p in s.first_page_header.paragraphs] if hasattr(s, "first_page_header") else [],',
      '        "page": [s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin],',
      '    }',
      'print(json.dumps(out, ensure_ascii=False))',
    ].join('\n');
    const out = JSON.parse(run(PYTHON ?? 'python3', ['-c', script, ...KINDS.map((k) => file(k, 'docx'))])) as Record<
      DocumentKind,
      { paras: string[]; cells: string[][]; footer: string[]; firstHeader: string[]; page: number[] }
    >;
    const text = (k: DocumentKind) => [...out[k].paras, ...out[k].cells.flat()].join('\n');
    // EMU: 1 twip = 635 EMU.
    expect(out.resultNotice.page).toEqual([11906, 16838, 2098, 1984, 1587, 1474].map((t) => t * 635));
    const filing = out.filingForm.cells;
    expect(filing[0]).toEqual(['检查单位', '单位\n（牵头单位）', '湘潭市岳塘区市场监督管理局', '湘潭市岳塘区市场监督管理局', '湘潭市岳塘区市场监督管理局']);
    expect(filing[3]).toEqual(['带队人员', '姓名', '张伟', '职务', '食品安全监管科科长']);
    expect(filing[4]).toEqual(['带队人员', '联系电话', '0731-58581234', '执法证号', '43030219001']);
    expect(out.filingForm.paras.filter((p) => p === '湘潭市涉企行政执法检查备案表')).toHaveLength(3);
    expect(text('inspectionNotice')).toContain('本次为本年度本机关对你单位第1次检查。');
    expect(text('inspectionNotice')).toContain('岳市监检通〔2025〕12号');
    expect(out.onSiteRecord.footer.join('\n')).toContain('执法人员签名（执法证号）：__________（43030219001）  __________（43030219002）');
    expect(text('approvalForm')).toContain('☑双随机');
    expect(text('offSiteRecord')).toContain('☑书面核查');
    expect(text('resultNotice')).toContain('该问题不符合《食品生产许可审查通则》第二十条的规定。');
    expect(text('rectificationOrder')).toContain('☑于2025年3月21日前 改正');
    expect(out.transferLetter.firstHeader.join('')).toContain('湘潭市岳塘区市场监督管理局');
    expect(out.inspectionRegister.cells[0]?.[0]).toBe('序号');
    expect(out.inspectionRegister.page.slice(0, 2)).toEqual([16838 * 635, 11906 * 635]);
  });

  it('evaluates the page-number fields: 第 页 共 页 on every record page, "— n —" from page 1 (page 2 on a letter)', () => {
    const pages = (kind: DocumentKind) => run('pdftotext', ['-layout', file(kind, 'pdf'), '-']).split('\f');
    const record = pages('onSiteRecord');
    expect(record[0]).toMatch(/第\s*1\s*页\s*共\s*2\s*页/u);
    expect(record[1]).toMatch(/第\s*2\s*页\s*共\s*2\s*页/u);
    expect(record[1]).toContain('当事人签名或盖章');
    const notice = pages('inspectionNotice');
    expect(notice[0]).toMatch(/—\s*1\s*—/u);
    expect(notice[1]).toMatch(/—\s*2\s*—/u);
    const letter = pages('transferLetter');
    expect(letter[0]).not.toMatch(/—\s*\d+\s*—/u);
    const rect = pages('rectificationOrder');
    expect(rect[1]).toMatch(/—\s*2\s*—/u);
  });
});
