import fs from 'node:fs';
import type { HandlerCtx } from '../../api/context';
import { requireUser } from '../../api/context';
import type { Output, ParsedInput } from '../../../shared/api';
import { INSPECTION_DOCUMENT_KINDS, type InspectionDocumentKind, type KindState } from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import { verifyQrPayload } from '../../documents/qr';
import { AppError } from '../../errors';
import { loadRow } from '../inspections/facts';
import { readRuleSettings } from '../inspections/settings';
import { today } from '../inspections/store';
import { batchRunning, runningBatchKinds } from './batch';
import { loadInspection, loadOffice, type InspectionContext, type Office } from './context';
import { NUMBER_PLACEHOLDER, agencyAbbr, defaultsOf, mapDocument } from './mapper';
import { DOCX_MIME, KIND_STEP, XLSX_MIME, applies, fileNameFor, getDocument, listForInspection, reached, registerDocument, takeSerial } from './records';
import { checkData, describeProblems, renderDocument } from './render';
import { counterScope, formatNumber, qrSecret } from './settings';

/**
 * The routes of one inspection's documents. `generate` is synchronous from the number to the
 * registered file, inside the dispatcher's transaction: the serial is taken, the document built
 * with it, stored by hash and recorded, all or nothing. Concurrent requests are serialised by
 * the transaction, so no two share a number and none is skipped.
 *
 * Opening a document in Word/WPS is not a route: services never import Electron (only main.ts
 * does). The Electron shell could add it later as its own IPC (say `inspectdesk:openDocument`:
 * main.ts copies the stored file to a temporary path under its file name and calls
 * shell.openPath); browser mode downloads instead.
 */

/** What generation of a kind still lacks for this inspection (Chinese labels), and what is wrong. */
function problemsOf(ctx: HandlerCtx, kind: InspectionDocumentKind, c: InspectionContext, office: Office): { missing: string[]; invalid: string[] } {
  const numbered = office.settings.patterns[kind].trim() !== '';
  try {
    const chk = checkData(kind, mapDocument(ctx.db, kind, c, office, { docNumber: numbered ? NUMBER_PLACEHOLDER : undefined, issueDate: office.today }));
    const missing = chk.ok ? [] : chk.missing;
    if (numbered && !agencyAbbr(c, office)) missing.push('机关简称（设置 → 文书设置）');
    return { missing, invalid: chk.ok ? [] : chk.invalid };
  } catch (e) {
    return { missing: [], invalid: [e instanceof Error ? e.message : String(e)] };
  }
}

export function forInspection(ctx: HandlerCtx, inspectionId: number): Output<'documents.forInspection'> {
  const c = loadInspection(ctx.db, inspectionId);
  const office = loadOffice(ctx.db, today(ctx));
  const follows = readRuleSettings(ctx.db).followsXiangtanFiling;
  const documents = listForInspection(ctx.db, inspectionId);
  const kinds: KindState[] = INSPECTION_DOCUMENT_KINDS.filter((k) => applies(k, c, follows)).map((kind) => {
    const current = documents.find((d) => d.kind === kind && d.status === 'current');
    return {
      kind,
      title: DOCUMENT_KINDS[kind],
      step: KIND_STEP[kind],
      needed: !current && reached(kind, c),
      currentId: current?.id ?? null,
      numbered: office.settings.patterns[kind].trim() !== '',
      ...problemsOf(ctx, kind, c, office),
    };
  });
  return {
    inspection: { id: c.row.id, number: c.row.number, status: c.row.status as Output<'documents.forInspection'>['inspection']['status'], enterpriseName: c.enterprise.name, onsite: c.row.onsite === 1 },
    documents,
    kinds,
    supplement: c.supplement,
    defaults: defaultsOf(c),
    batchRunning: runningBatchKinds(ctx.jobs),
  };
}

export function generate(ctx: HandlerCtx, input: { inspectionId: number; kind: InspectionDocumentKind }): Output<'documents.generate'> {
  const me = requireUser(ctx);
  const { kind } = input;
  const title = DOCUMENT_KINDS[kind];
  if (batchRunning(ctx.jobs, kind)) throw new AppError('CONFLICT', `正在批量生成《${title}》，为保证文号连续，请在批量任务结束后再生成`);
  const day = today(ctx);
  const office = loadOffice(ctx.db, day);
  const c = loadInspection(ctx.db, input.inspectionId);
  // An archived case file points at its documents: they are locked with it (changes go through
  // the archivist's recorded revision of the case file).
  if (c.row.status === 'archived') throw new AppError('CONFLICT', `检查任务 ${c.row.number} 已归档，文书不能再生成或替换`);
  if (!applies(kind, c, readRuleSettings(ctx.db).followsXiangtanFiling)) {
    throw new AppError('CONFLICT', `检查任务 ${c.row.number} 不需要《${title}》${c.row.merged_into !== null ? '（已并入其他任务）' : ''}`);
  }
  const pattern = office.settings.patterns[kind].trim();
  const data = mapDocument(ctx.db, kind, c, office, { docNumber: pattern ? NUMBER_PLACEHOLDER : undefined, issueDate: day });
  const chk = checkData(kind, data);
  if (!chk.ok) throw new AppError('INVALID_INPUT', describeProblems(kind, chk.missing, chk.invalid));

  const year = Number(day.slice(0, 4));
  let number: string | null = null;
  let serial: number | null = null;
  if (pattern) {
    const abbr = agencyAbbr(c, office);
    if (!abbr) throw new AppError('INVALID_INPUT', '无法编号：请先在 设置 → 文书设置 中填写机关简称');
    serial = takeSerial(ctx.db, counterScope(kind), year);
    number = formatNumber(pattern, { abbr, year, serial });
    if ('docNumber' in data) data.docNumber = number;
  }
  const bytes = renderDocument(kind, data, { officeSecret: kind === 'inspectionNotice' ? qrSecret(ctx.db, true) : undefined });
  const stored = ctx.files.putBuffer(bytes);
  const fileName = fileNameFor(kind, number, c.enterprise.name, c.row.number);
  const { id, supersededId } = registerDocument(ctx.db, {
    inspectionId: c.row.id,
    kind,
    format: 'docx',
    number,
    year: serial === null ? null : year,
    serial,
    period: null,
    sha256: stored.sha256,
    bytes: stored.bytes,
    fileName,
    createdBy: me.id,
    createdAt: ctx.at.toISOString(),
  });
  const old = supersededId ? `；原《${title}》（#${supersededId}）已作废` : '';
  ctx.audit({ entity: 'document', entityId: id, summary: `生成《${title}》${number ?? ''}（检查任务 ${c.row.number}，${c.enterprise.name}）${old}` });
  return { documentId: id, number, fileName, supersededId };
}

export function saveSupplement(ctx: HandlerCtx, input: ParsedInput<'documents.saveSupplement'>): Record<string, never> {
  const me = requireUser(ctx);
  const row = loadRow(ctx.db, input.inspectionId);
  ctx.db
    .prepare(
      `INSERT INTO document_supplements (inspection_id, data, version, updated_by, updated_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT(inspection_id) DO UPDATE SET data = excluded.data, version = version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .run(row.id, JSON.stringify(input.supplement), me.id, ctx.at.toISOString());
  ctx.audit({ entity: 'inspection', entityId: row.id, summary: `保存文书补充信息（检查任务 ${row.number}）` });
  return {};
}

/** Largest document sent to the renderer as base64 for preview; bigger ones are offered as a download. */
const PREVIEW_LIMIT = 8 * 1024 * 1024;

export function preview(ctx: HandlerCtx, documentId: number): Output<'documents.preview'> {
  const d = getDocument(ctx.db, documentId);
  if (d.format === 'docx' && d.bytes <= PREVIEW_LIMIT) {
    return { fileName: d.fileName, format: d.format, base64: ctx.files.read(d.sha256).toString('base64'), downloadId: null };
  }
  return { fileName: d.fileName, format: d.format, base64: null, downloadId: download(ctx, documentId).downloadId };
}

export function download(ctx: HandlerCtx, documentId: number): Output<'documents.download'> {
  const d = getDocument(ctx.db, documentId);
  const scratch = ctx.transfers.scratchPath(`.${d.format}`);
  fs.copyFileSync(ctx.files.pathOf(d.sha256), scratch);
  fs.chmodSync(scratch, 0o644);
  const offered = ctx.transfers.offerDownload(scratch, d.fileName, d.format === 'xlsx' ? XLSX_MIME : DOCX_MIME);
  return { downloadId: offered.downloadId, fileName: offered.name };
}

export function verifyQr(ctx: HandlerCtx, payload: string): Output<'documents.verifyQr'> {
  const r = verifyQrPayload(payload, qrSecret(ctx.db));
  if (!r.ok) return { ok: false, reason: r.reason, inspectionNo: null, creditCode: null, date: null, inspectionId: null };
  const found = ctx.db.prepare('SELECT id FROM inspections WHERE number = ?').get(r.inspectionNo) as { id: number } | undefined;
  return { ok: true, reason: found ? null : '校验通过，但本档案中没有该检查编号', inspectionNo: r.inspectionNo, creditCode: r.creditCode, date: r.date, inspectionId: found?.id ?? null };
}
