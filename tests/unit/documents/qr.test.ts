import { describe, expect, it } from 'vitest';
import { QR_VERSION, qrPayload, qrPng, verifyQrPayload } from '../../../electron/documents/qr';
import { OFFICE_SECRET } from '../../fixtures/documents/samples';
import { body } from './support/docx';
import { build } from './support/build';

const FIELDS = { inspectionNo: '430304-2025-000123', creditCode: '91430304MA4L7XQ12K', date: '2025-03-05' };

describe('QR payload of the 行政检查通知书', () => {
  it('round-trips: the office that signed it verifies it', () => {
    const p = qrPayload(FIELDS, OFFICE_SECRET);
    expect(p.startsWith(`${QR_VERSION}|430304-2025-000123|91430304MA4L7XQ12K|2025-03-05|`)).toBe(true);
    expect(verifyQrPayload(p, OFFICE_SECRET)).toEqual({ ok: true, ...FIELDS });
  });

  it('fails when any field or the MAC is changed, or another office checks it', () => {
    const p = qrPayload(FIELDS, OFFICE_SECRET);
    const tampered = [
      p.replace('000123', '000124'),
      p.replace('91430304MA4L7XQ12K', '91430304MA4L7XQ12X'),
      p.replace('2025-03-05', '2025-03-06'),
      p.slice(0, -1) + (p.endsWith('A') ? 'B' : 'A'),
      p.slice(0, -3),
    ];
    for (const t of tampered) expect(verifyQrPayload(t, OFFICE_SECRET)).toMatchObject({ ok: false, reason: expect.stringMatching(/校验值不符/u) });
    expect(verifyQrPayload(p, 'another-office').ok).toBe(false);
    expect(verifyQrPayload('hello', OFFICE_SECRET)).toEqual({ ok: false, reason: '不是本系统生成的检查二维码' });
  });

  it('escapes the separator, so a field cannot be shifted into its neighbour', () => {
    const odd = { inspectionNo: '岳|2025%1\n', creditCode: '91430304MA4L7XQ12K', date: '2025-03-05' };
    const p = qrPayload(odd, OFFICE_SECRET);
    expect(p.split('|')).toHaveLength(5);
    expect(verifyQrPayload(p, OFFICE_SECRET)).toEqual({ ok: true, inspectionNo: '岳|2025%1', creditCode: odd.creditCode, date: odd.date });
  });

  it('needs the office secret', () => {
    expect(() => qrPayload(FIELDS, '')).toThrow(/密钥/u);
  });

  it('renders a PNG', async () => {
    const png = await qrPng(qrPayload(FIELDS, OFFICE_SECRET));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('is embedded in the notice once, as a PNG, with the payload the office can verify', async () => {
    const d = await build('inspectionNotice');
    const media = [...d.files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(media[0]).toMatch(/\.png$/u);
    const xml = body(d);
    expect(xml.match(/<w:drawing>/gu)).toHaveLength(1);
    const payload = /descr="([^"]+)"/u.exec(xml)?.[1] ?? '';
    expect(verifyQrPayload(payload, OFFICE_SECRET)).toEqual({ ok: true, ...FIELDS });
  });
});
