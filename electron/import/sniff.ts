import fs from 'node:fs';
import { AppError } from '../errors';

export type SheetFormat = 'xlsx' | 'csv';

/** Bytes read to decide what a file is (a header, a BOM, or a NUL that gives binary away). */
const SNIFF_BYTES = 64 * 1024;

const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文档' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
  { bytes: [0x1f, 0x8b], what: 'gzip 压缩文件' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF 文档' },
  { bytes: [0x4d, 0x5a], what: '可执行程序' },
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * Decides by content, never by the extension, whether a file is an .xlsx workbook (a zip) or
 * CSV text; anything else gets one sentence saying what it is and what to do instead.
 */
export function sniffFormat(file: string): SheetFormat {
  const fd = fs.openSync(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    head = buf.subarray(0, fs.readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
  if (head.length === 0) throw new AppError('INVALID_INPUT', '文件是空的（0 字节），没有可导入的内容');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) throw new AppError('INVALID_INPUT', '文件是一个空的压缩包，不是 Excel 工作簿');
  if (startsWith(head, OLE2)) {
    throw new AppError('INVALID_INPUT', '这是旧版 Excel 97-2003 工作簿（.xls）或设置了打开密码的工作簿，无法直接导入。请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入');
  }
  for (const m of MAGIC) {
    if (startsWith(head, m.bytes)) throw new AppError('INVALID_INPUT', `这不是电子表格文件（内容是${m.what}）。请选择 .xlsx 或 .csv 文件`);
  }
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && head.includes(0)) throw new AppError('INVALID_INPUT', '这不是电子表格文件（是无法识别的二进制文件）。请选择 .xlsx 或 .csv 文件');
  const text = head.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\u00EF\u00BB\u00BF/u, '').trimStart().toLowerCase();
  if (text.startsWith('<html') || text.startsWith('<!doctype html') || text.startsWith('<table') || (text.startsWith('<?xml') && text.includes('<workbook'))) {
    throw new AppError('INVALID_INPUT', '这是网页（HTML）或 XML 格式的“伪 Excel”文件（一些业务系统这样导出），无法直接导入。请在 Excel 或 WPS 中打开后“另存为” .xlsx 再导入');
  }
  return 'csv';
}
