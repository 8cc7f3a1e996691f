import { type Document, Packer } from 'docx';
import { DOCUMENT_KINDS, type DocumentData, type DocumentKind, checkDocumentData } from '../../shared/schemas/documents';
import { AppError } from '../errors';
import { approvalForm } from './kinds/approvalForm';
import { filingForm } from './kinds/filingForm';
import { inspectionNotice } from './kinds/inspectionNotice';
import { inspectionRegister } from './kinds/inspectionRegister';
import { offSiteRecord } from './kinds/offSiteRecord';
import { onSiteRecord } from './kinds/onSiteRecord';
import { rectificationOrder } from './kinds/rectificationOrder';
import { resultNotice } from './kinds/resultNotice';
import { transferLetter } from './kinds/transferLetter';
import { cleanDeep } from './parts';
import { qrPayload, qrPng } from './qr';
import { PACKAGE_OVERRIDES } from './styles';

/**
 * The document builders (issue 5): validated data in, .docx bytes out. Each kind is one pure
 * function from its data to a docx Document (kinds/*.ts); this module validates, makes the
 * notice's QR code, and packs.
 */

export { formatChineseDate, formatChineseDateTime, formatDocNumber, DEFAULT_DOC_NUMBER_PATTERN } from './styles';
export { qrPayload, verifyQrPayload } from './qr';
export { DEFAULT_TEXTS, withDefaultTexts } from './texts';

export type BuildOptions = {
  /** The office's secret for the notice's QR code (required for 行政检查通知书). */
  officeSecret?: string;
};

/** A notice's QR code: the PNG and the payload it encodes. */
export type Qr = { png: Buffer; payload: string };
type Builders = { [K in DocumentKind]: (data: DocumentData<K>, qr: Qr) => Document };

/** One pure builder per kind; the app's synchronous packer (services/documents/render.ts) uses the same table. */
export const BUILDERS: Builders = {
  filingForm,
  approvalForm,
  inspectionNotice,
  onSiteRecord,
  offSiteRecord,
  resultNotice,
  rectificationOrder,
  transferLetter,
  inspectionRegister,
};

export const NO_QR: Qr = { png: Buffer.alloc(0), payload: '' };

/** Validates the data of one kind and builds its docx Document (nothing is written anywhere). */
export async function createDocument<K extends DocumentKind>(kind: K, data: unknown, opts: BuildOptions = {}): Promise<Document> {
  // Characters XML cannot hold are dropped before anything else sees the data (the QR encoder too).
  const checked = checkDocumentData(kind, cleanDeep(data));
  if (!checked.ok) {
    const why = [
      checked.missing.length ? `缺少：${checked.missing.join('、')}` : '',
      checked.invalid.length ? `填写有误：${checked.invalid.join('；')}` : '',
    ].filter(Boolean);
    throw new AppError('INVALID_INPUT', `无法生成《${DOCUMENT_KINDS[kind]}》，${why.join('；')}`);
  }
  let qr = NO_QR;
  if (kind === 'inspectionNotice') {
    if (!opts.officeSecret) throw new AppError('INVALID_INPUT', '无法生成《行政检查通知书》：未设置本机关的二维码校验密钥');
    const d = checked.data as DocumentData<'inspectionNotice'>;
    const payload = qrPayload({ inspectionNo: d.inspectionNo, creditCode: d.enterprise.creditCode, date: d.inspectionDate }, opts.officeSecret);
    qr = { png: await qrPng(payload), payload };
  }
  const build = BUILDERS[kind] as (d: DocumentData<K>, qr: Qr) => Document;
  return build(checked.data, qr);
}

/** Builds one document and packs it into .docx bytes (styles and font table from styles.ts). */
export async function buildDocument<K extends DocumentKind>(kind: K, data: unknown, opts: BuildOptions = {}): Promise<Buffer> {
  const doc = await createDocument(kind, data, opts);
  return Packer.toBuffer(doc, false, PACKAGE_OVERRIDES);
}
