import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/schemas/documents';
import { buildDocument } from '../../electron/documents';
import { qrPng } from '../../electron/documents/qr';
import { qrPngSync } from '../../electron/services/documents/pack';
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
  it.each(KINDS)('%s: the same parts and content as Packer.toBuffer', async (kind) => {
    const ours = unzip(renderDocument(kind, sample(kind), { officeSecret: OFFICE_SECRET }));
    const theirs = unzip(await buildDocument(kind, sample(kind), { officeSecret: OFFICE_SECRET }));
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [name, b] of theirs) {
      if (name.startsWith('word/media/')) continue; // the QR image: compared below
      expect(strip(name, ours.get(name)!), name).toBe(strip(name, b));
    }
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
