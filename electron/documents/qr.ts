import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * The QR code on the 行政检查通知书: it carries the inspection number, the enterprise's credit
 * code and the inspection date, plus a MAC over them keyed with the office's secret, so anyone
 * holding the office's key can tell a genuine notice from a copied or edited one.
 *
 * Payload: `XZJC1|<inspection no>|<credit code>|<yyyy-mm-dd>|<mac>`, fields percent-escaped for
 * '%', '|' and line breaks; mac = the first 128 bits of HMAC-SHA256, base64url (22 characters),
 * short enough to keep the code small at a printable module size.
 */

export const QR_VERSION = 'XZJC1';

export type QrFields = { inspectionNo: string; creditCode: string; date: string };
export type QrCheck = ({ ok: true } & QrFields) | { ok: false; reason: string };

const escape = (s: string) => s.replace(/[%|\r\n]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const unescape = (s: string) => s.replace(/%([0-9A-F]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function mac(f: QrFields, secret: string): string {
  if (!secret) throw new Error('缺少本机关的二维码校验密钥，无法生成或核验二维码');
  // Newline-joined: no field can contain an unescaped newline, so the fields cannot be shifted.
  const message = [QR_VERSION, f.inspectionNo, f.creditCode, f.date].join('\n');
  return createHmac('sha256', secret).update(message, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/** The text to encode in the QR code. */
export function qrPayload(f: QrFields, secret: string): string {
  const norm = { inspectionNo: f.inspectionNo.trim(), creditCode: f.creditCode.trim().toUpperCase(), date: f.date.trim() };
  return [QR_VERSION, escape(norm.inspectionNo), escape(norm.creditCode), escape(norm.date), mac(norm, secret)].join('|');
}

/** Reads a scanned payload and checks its MAC in constant time. */
export function verifyQrPayload(payload: string, secret: string): QrCheck {
  const parts = payload.trim().split('|');
  if (parts.length !== 5 || parts[0] !== QR_VERSION) return { ok: false, reason: '不是本系统生成的检查二维码' };
  const [, no = '', code = '', date = '', given = ''] = parts;
  const f: QrFields = { inspectionNo: unescape(no), creditCode: unescape(code), date: unescape(date) };
  const expected = Buffer.from(mac(f, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: '校验值不符：二维码内容被改动，或不是本机关签发' };
  }
  return { ok: true, ...f };
}

/** The QR code as a PNG (error correction M, a quiet zone of 2 modules, 4 px a module: ~150 dpi at 25 mm). */
export function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
