import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { FootnoteReferenceRun, NextAttributeComponent, Packer, Paragraph, TextRun } from 'docx';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/schemas/documents';
import { buildDocument } from '../../electron/documents';
import { makeDocument } from '../../electron/documents/parts';
import { qrPng } from '../../electron/documents/qr';
import { PACKAGE_OVERRIDES, pageNumberFooters, sectionProperties } from '../../electron/documents/styles';
import { docxAttributesPrep, packDocx, qrPngSync } from '../../electron/services/documents/pack';
import { renderDocument } from '../../electron/services/documents/render';
import { OFFICE_SECRET, sample } from '../fixtures/documents/samples';
import { textOf, unzip } from '../unit/documents/support/docx';

/**
 * The app's synchronous packing (services/documents/pack.ts) against docx's own Packer: the same
 * parts with the same content for every kind, a QR image with the same modules, and a file that
 * LibreOffice opens.
 */

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];
/**
 * docProps/core.xml carries the creation time, and docx numbers drawings from a counter of the
 * process (`wp:docPr id`); everything else must match byte for byte.
 */
const strip = (name: string, b: Buffer) =>
  name === 'docProps/core.xml'
    ? b.toString('utf8').replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/gu, '')
    : b.toString('utf8').replace(/<wp:docPr id="\d+"/gu, '<wp:docPr id="#"');

/** Dark modules of a QR PNG, sampled at module centres (any colour type, any filter: via pngjs). */
function modules(png: Buffer, scale = 4, margin = 2): string {
  const { PNG } = createRequire(__filename)('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; data: Buffer } } } };
  const img = PNG.sync.read(png);
  const n = img.width / scale - 2 * margin;
  let out = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const px = ((y + margin) * scale + 1) * img.width + (x + margin) * scale + 1;
      out += (img.data[px * 4] ?? 255) < 128 ? '#' : '.';
    }
    out += '\n';
  }
  return out;
}

describe('synchronous docx packing', () => {
  const samePackage = (ours: Map<string, Buffer>, theirs: Map<string, Buffer>) => {
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [name, b] of theirs) {
      if (name.startsWith('word/media/')) continue; // the QR image: compared below
      expect(strip(name, ours.get(name)!), name).toBe(strip(name, b));
    }
  };

  // Twice: the second time the parts docx writes from the options alone are the ones kept from
  // the first document with the same options (pack.ts), and must still be docx's own.
  it.each(KINDS)('%s: the same parts and content as Packer.toBuffer, the first time and again', async (kind) => {
    for (let i = 0; i < 2; i++) {
      const ours = unzip(renderDocument(kind, sample(kind), { officeSecret: OFFICE_SECRET }));
      samePackage(ours, unzip(await buildDocument(kind, sample(kind), { officeSecret: OFFICE_SECRET })));
    }
  });

  const made = (evenOdd: boolean, body: () => Paragraph[] = () => [new Paragraph('正文')]) => () =>
    makeDocument({ title: '测试', evenOdd, sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children: body() }] });
  const bothWays = async (doc: () => ReturnType<typeof makeDocument>) => {
    const ours = unzip(packDocx(doc(), PACKAGE_OVERRIDES));
    samePackage(ours, unzip(await Packer.toBuffer(doc(), false, PACKAGE_OVERRIDES)));
    return ours;
  };

  it('keeps fixed parts per set of document options: separate even-page footers or not', async () => {
    for (const evenOdd of [false, true, false, true]) {
      const settings = (await bothWays(made(evenOdd))).get('word/settings.xml')!.toString('utf8');
      expect(settings.includes('<w:evenAndOddHeaders/>'), String(evenOdd)).toBe(evenOdd);
    }
  });

  it('writes the numbering and notes a body adds, and drops them again for the next document', async () => {
    const list = made(false, () => [new Paragraph({ text: '列表项', numbering: { reference: 'default-bullet-numbering', level: 0, instance: 7 } })]);
    const note = made(false, () => [new Paragraph({ children: [new TextRun('正文'), new FootnoteReferenceRun({ children: [new Paragraph('脚注内容')] })] })]);
    const plain = made(false);
    const nums = (p: Map<string, Buffer>) => p.get('word/numbering.xml')!.toString('utf8').match(/<w:num /gu)?.length ?? 0;
    const notes = (p: Map<string, Buffer>) => p.get('word/footnotes.xml')!.toString('utf8').match(/<w:footnote /gu)?.length ?? 0;
    const first = await bothWays(plain);
    const withList = await bothWays(list);
    expect(nums(withList)).toBe(nums(first) + 1);
    const withNote = await bothWays(note);
    expect(notes(withNote)).toBe(notes(first) + 1);
    expect(withNote.get('word/footnotes.xml')!.toString('utf8')).toContain('脚注内容');
    const again = await bothWays(plain);
    expect([nums(again), notes(again)]).toEqual([nums(first), notes(first)]);
  });

  it('writes attributes as docx’s own NextAttributeComponent does, in one pass', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, { key: `xmlns:n${i}`, value: i % 7 === 3 ? undefined : `urn:${i}` }]));
    // Values left undefined by callers (docx's types do not admit them; its code drops them).
    const components = [
      new NextAttributeComponent(many as never),
      new NextAttributeComponent({ a: { key: 'w:val', value: 1 }, b: { key: 'w:x', value: undefined }, c: { key: 'w:y', value: 'z' }, d: { key: 'w:val', value: 2 }, e: { key: 'w:on', value: false } } as never),
      new NextAttributeComponent({}),
    ];
    for (const c of components) {
      const root = (c as unknown as { root: Record<string, { key: string; value: unknown }> }).root;
      const mine = c.prepForXml({ stack: [] } as never) as { _attr: Record<string, unknown> };
      const docxs = docxAttributesPrep.call({ root });
      expect(JSON.stringify(mine)).toBe(JSON.stringify(docxs));
    }
  });

  it('draws exactly qrcode’s modules for codes of every size and mask', () => {
    const chars = 'XZJC1|湘县市监检〔2025〕号-0123456789ABCDEFabcdef_%';
    const seen = new Set<number>();
    const versions = new Set<number>();
    for (let i = 0; i < 400; i++) {
      let payload = '';
      for (let k = 0, n = 5 + ((i * 37) % 220); k < n; k++) payload += chars[(i * 31 + k * k * 7) % chars.length];
      const theirs = QRCode.create(payload, { errorCorrectionLevel: 'M' });
      seen.add(theirs.maskPattern!);
      versions.add(theirs.version);
      const expected = Array.from(theirs.modules.data, (m) => (m ? '#' : '.')).join('').replace(new RegExp(`(.{${theirs.modules.size}})`, 'gu'), '$1\n');
      expect(modules(qrPngSync(payload)), payload).toBe(expected);
    }
    expect(seen.size).toBe(8);
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(7); // version information drawn too
  });

  it('draws the QR code with the same modules as qrcode’s own PNG, in a smaller file', async () => {
    const payload = 'XZJC1|湘县市监检〔2025〕1号|91350100M000100Y43|2025-09-26|abcdefghijklmnopqrstuv';
    const mine = qrPngSync(payload);
    const theirs = await qrPng(payload);
    expect(modules(mine)).toBe(modules(theirs));
    expect(mine.length).toBeLessThan(theirs.length);
    // 1-bit greyscale, no interlace, a valid zlib stream.
    expect(mine.readUInt8(24)).toBe(1);
    expect(mine.readUInt8(25)).toBe(0);
    const idatLen = mine.readUInt32BE(33);
    expect(() => inflateSync(mine.subarray(41, 41 + idatLen))).not.toThrow();
  });

  const soffice = spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  it.skipIf(!soffice)('opens in LibreOffice (a notice converted to PDF keeps its text)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-pack-'));
    try {
      const file = path.join(dir, 'notice.docx');
      writeFileSync(file, renderDocument('inspectionNotice', sample('inspectionNotice'), { officeSecret: OFFICE_SECRET }));
      const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
      expect(r.status).toBe(0);
      const text = spawnSync('pdftotext', [path.join(dir, 'notice.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/gu, '');
      expect(text).toContain('岳市监检通〔2025〕12号');
      expect(text).toContain(textOf('<w:t>本次为本年度本机关对你单位第1次检查</w:t>'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
