import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { buildDocument } from '../../electron/documents';
import { countPages, docxPages } from '../../electron/services/archive/pages';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/schemas/documents';
import { OFFICERS, OFFICE_SECRET, sample } from '../fixtures/documents/samples';
import { ok, tempDir } from '../support/app';
import { archiveWorld, as, closedInspection, sql } from './archiveWorld';

/**
 * Page counts of the 卷内文件 (electron/services/archive/pages.ts): a word processor's own
 * <Pages> is taken as is; the app's documents (made without it) are estimated from their XML
 * and must agree with LibreOffice's layout — the same sample data and page counts as
 * tests/integration/documents-render.test.ts. With LibreOffice installed, the case file's own
 * cover, index and 备考表 are laid out too (one page each) and the cover is rendered to PNG
 * (test-results/archive/) for a person to look at.
 */

/** LibreOffice's pages for the samples (documents-render.test.ts, EXPECTED_PAGES). */
const LIBREOFFICE_PAGES: Record<DocumentKind, number> = {
  filingForm: 3,
  approvalForm: 1,
  inspectionNotice: 3,
  onSiteRecord: 2,
  offSiteRecord: 1,
  resultNotice: 2,
  rectificationOrder: 2,
  transferLetter: 1,
  inspectionRegister: 2,
};

function data(kind: DocumentKind): unknown {
  const d = sample(kind) as Record<string, unknown>;
  if (kind === 'filingForm') d.others = OFFICERS.slice(1);
  if (kind === 'onSiteRecord') d.findings = Array.from({ length: 14 }, (_, i) => `第${i + 1}项：现场查看了车间第${i + 1}区的原料存放、设备运行和人员操作情况，记录台账齐全，标识清楚，与企业提交的材料一致。`).join('\n');
  return d;
}

/** A minimal zip with the given entries (stored), enough for docxPages. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('page counts', () => {
  it('estimates each document kind as LibreOffice lays it out', async () => {
    for (const kind of Object.keys(DOCUMENT_KINDS) as DocumentKind[]) {
      const bytes = await buildDocument(kind, data(kind), { officeSecret: OFFICE_SECRET });
      expect({ kind, ...docxPages(bytes) }).toEqual({ kind, pages: LIBREOFFICE_PAGES[kind], source: 'estimate' });
    }
  });

  it('takes a word processor’s own page count, counts PDF pages, and gives media none', () => {
    expect(docxPages(zip({ 'docProps/app.xml': '<Properties><Pages>7</Pages></Properties>', 'word/document.xml': '<w:document><w:body></w:body></w:document>' }))).toEqual({ pages: 7, source: 'docprops' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Pages /Count 3>>\n2 0 obj<</Type /Page>>\n3 0 obj<</Type/Page>>\n4 0 obj<</Type /Page /Parent 1 0 R>>\n%%EOF');
    expect(countPages(pdf, 'application/pdf', '扫描件.pdf')).toEqual({ pages: 3, source: 'pdf' });
    expect(countPages(Buffer.alloc(10), 'video/mp4', '录像.mp4')).toEqual({ pages: 0, source: 'media' });
    expect(countPages(Buffer.alloc(10), 'image/jpeg', '照片.jpg')).toEqual({ pages: 1, source: 'image' });
    expect(docxPages(Buffer.from('not a zip'))).toEqual({ pages: 1, source: 'estimate' });
  });
});

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;
const SKIP = has('soffice', ['--version']) && has('pdfinfo', ['-v']) ? '' : '跳过：未安装 LibreOffice 或 poppler-utils';
const FONTS_CONF = path.resolve(__dirname, '../fixtures/documents/fonts.conf');
const SHOTS = path.resolve(__dirname, '../../test-results/archive');

let app: App | null = null;
afterAll(async () => {
  await app?.close();
});

describe.skipIf(!!SKIP)(`case file products in LibreOffice${SKIP ? `（${SKIP}）` : ''}`, () => {
  it('lays out the cover, index and 备考表 on one page each, and the estimates of real documents agree', async () => {
    const x = await archiveWorld();
    app = x.a;
    const ins = await closedInspection(x);
    const { id } = await as(x.a, 'archivist', 'caseFiles.create', { inspectionIds: [ins.id] });
    const v = (await as(x.a, 'archivist', 'caseFiles.get', { id })).version;
    await as(x.a, 'archivist', 'caseFiles.archive', { id, version: v });
    const cf = await as(x.a, 'archivist', 'caseFiles.get', { id });
    const dir = tempDir('archive-pdf-');
    const files: string[] = [];
    for (const part of ['cover', 'index', 'notes'] as const) {
      const d = await ok(x.a, 'caseFiles.download', { id, part }, 'archivist');
      const f = path.join(dir, `${part}.docx`);
      fs.copyFileSync(x.a.transfers.download(d.downloadId).path, f);
      files.push(f);
    }
    const docs = sql(x.a, (db) => db.prepare("SELECT id, sha256 FROM documents WHERE status = 'current' ORDER BY id").all() as { id: number; sha256: string }[]);
    for (const d of docs) {
      const f = path.join(dir, `doc-${d.id}.docx`);
      fs.copyFileSync(path.join(x.a.dataDir, 'files', 'sha256', d.sha256.slice(0, 2), d.sha256.slice(2)), f);
      files.push(f);
    }
    const env = { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: dir };
    const r = spawnSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 180_000, env });
    expect(r.status, r.stderr).toBe(0);
    const pagesOf = (name: string) => Number(/Pages:\s+(\d+)/u.exec(spawnSync('pdfinfo', [path.join(dir, `${name}.pdf`)], { encoding: 'utf8' }).stdout)?.[1]);
    expect([pagesOf('cover'), pagesOf('index'), pagesOf('notes')]).toEqual([1, 1, 1]);
    // The entries' estimated pages against LibreOffice's.
    for (const d of docs) {
      const entry = cf.entries.find((e) => e.documentId === d.id);
      expect({ id: d.id, pages: entry?.pages }).toEqual({ id: d.id, pages: pagesOf(`doc-${d.id}`) });
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const part of ['cover', 'index', 'notes']) spawnSync('pdftoppm', ['-png', '-r', '60', '-singlefile', path.join(dir, `${part}.pdf`), path.join(SHOTS, part)]);
    expect(fs.existsSync(path.join(SHOTS, 'cover.png'))).toBe(true);
  }, 240_000);
});
