import type { Document } from 'docx';
import { DOCUMENT_KINDS, checkDocumentData, type DocumentCheck, type DocumentData, type DocumentKind } from '../../../shared/schemas/documents';
import { BUILDERS, NO_QR, type Qr } from '../../documents';
import { cleanDeep } from '../../documents/parts';
import { qrPayload } from '../../documents/qr';
import { PACKAGE_OVERRIDES } from '../../documents/styles';
import { AppError } from '../../errors';
import { packDocx, qrPngSync } from './pack';

/**
 * The app's document path: the same validation and builders as electron/documents'
 * `buildDocument` (kinds/*.ts, the QR payload of qr.ts, the package overrides of styles.ts),
 * packed synchronously (pack.ts) so that numbering, building and registering fit in one
 * transaction. tests/integration/documents.test.ts checks the parts equal buildDocument's.
 */

/** Validates data of a kind (after dropping characters XML cannot hold), as the builders do. */
export function checkData<K extends DocumentKind>(kind: K, data: unknown): DocumentCheck<K> {
  return checkDocumentData(kind, cleanDeep(data));
}

/** The Chinese sentence for a failed check: exactly what is missing and what is wrong. */
export function describeProblems(kind: DocumentKind, missing: readonly string[], invalid: readonly string[]): string {
  const why = [missing.length ? `缺少：${missing.join('、')}` : '', invalid.length ? `填写有误：${invalid.join('；')}` : ''].filter(Boolean);
  return `无法生成《${DOCUMENT_KINDS[kind]}》，${why.join('；')}`;
}

/**
 * Data → .docx bytes, synchronously; INVALID_INPUT with the missing fields otherwise.
 * `validated`: the data is already the output of `checkData` (a batch checks each item once,
 * before it takes a number), so it is not checked again.
 */
export function renderDocument<K extends DocumentKind>(kind: K, data: unknown, opts: { officeSecret?: string; validated?: boolean } = {}): Buffer {
  const checked: DocumentCheck<K> = opts.validated ? { ok: true, data: data as DocumentData<K> } : checkData(kind, data);
  if (!checked.ok) throw new AppError('INVALID_INPUT', describeProblems(kind, checked.missing, checked.invalid));
  let qr = NO_QR;
  if (kind === 'inspectionNotice') {
    if (!opts.officeSecret) throw new AppError('INVALID_INPUT', '无法生成《行政检查通知书》：未设置本机关的二维码校验密钥');
    const d = checked.data as DocumentData<'inspectionNotice'>;
    const payload = qrPayload({ inspectionNo: d.inspectionNo, creditCode: d.enterprise.creditCode, date: d.inspectionDate }, opts.officeSecret);
    qr = { png: qrPngSync(payload), payload };
  }
  const build = BUILDERS[kind] as (d: DocumentData<K>, qr: Qr) => Document;
  return packDocx(build(checked.data, qr), PACKAGE_OVERRIDES);
}
