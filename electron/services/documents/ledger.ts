import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { HandlerCtx } from '../../api/context';
import { requireUser } from '../../api/context';
import type { Db } from '../../db/database';
import type { Output } from '../../../shared/api';
import type { DocumentData, DocumentInput } from '../../../shared/schemas/documents';
import { REGISTER_COLUMNS } from '../../documents/kinds/inspectionRegister';
import { formatChineseDate } from '../../documents/styles';
import { AppError } from '../../errors';
import { today } from '../inspections/store';
import { taskSourceOf } from './mapper';
import { DOCX_MIME, XLSX_MIME, registerDocument } from './records';
import { renderDocument } from './render';
import { ownAgency, readDocumentSettings } from './settings';

/**
 * 行政检查登记表 for a period: one row per inspection carried out (started) in it, as .docx
 * (the register builder, landscape, header repeated) or .xlsx (exceljs streaming writer, the
 * same columns and cell texts). Both are registered as documents of the period (the previous
 * export of the same period and format is superseded) and offered for download.
 */

type Row = DocumentInput<'inspectionRegister'>['rows'][number];
/** The register builder's limit (a Word table of 5,000 rows is already ~250 pages). */
const DOCX_MAX_ROWS = 5000;

interface Raw {
  number: string;
  code_registration_no: string | null;
  code_registered_at: string | null;
  actual_start: string;
  kind: 'planned' | 'random' | 'triggered' | 'special' | 'offsite';
  trigger_source: 'complaint' | 'referral' | 'monitoring' | 'request' | null;
  onsite: number;
  status: string;
  outcome: string | null;
  rectification_deadline: string | null;
  transfer_target: string | null;
  feedback_at: string | null;
  rectification_verified_at: string | null;
  emergency: number;
  out_of_jurisdiction: number;
  recorded_at: string | null;
  nth: number;
  agency: string;
  enterprise: string;
  credit_code: string;
  grade: string | null;
  items: string | null;
  inspectors: string | null;
  joint: number;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const OUTCOMES: Record<string, string> = { no_problem: '未发现问题', rectification: '发现问题', penalty: '发现问题', transfer: '发现问题' };

function followUp(r: Raw): string | undefined {
  switch (r.outcome) {
    case 'no_problem':
      return '无';
    case 'rectification':
      return `责令整改${r.rectification_deadline ? `（期限${formatChineseDate(r.rectification_deadline)}）` : ''}`;
    case 'penalty':
      return `转立案查处${r.transfer_target ? `（${r.transfer_target}）` : ''}`;
    case 'transfer':
      return `移送${r.transfer_target ?? '主管机关'}`;
    default:
      return undefined;
  }
}

/** The register's rows: inspections started within [from, to], with their ordinal in the year. */
export function ledgerRows(db: Db, from: string, to: string): Row[] {
  const raw = db
    .prepare(
      `WITH y AS (
         SELECT i.*, ROW_NUMBER() OVER (PARTITION BY i.agency_id, i.enterprise_id, substr(i.actual_start, 1, 4) ORDER BY i.actual_start, i.id) AS nth
         FROM inspections i WHERE i.merged_into IS NULL AND i.actual_start >= @yearStart AND i.actual_start <= @to)
       SELECT y.number, y.code_registration_no, y.code_registered_at, y.actual_start, y.kind, y.trigger_source, y.onsite, y.status, y.outcome,
         y.rectification_deadline, y.transfer_target, y.feedback_at, y.rectification_verified_at, y.emergency, y.out_of_jurisdiction, y.recorded_at, y.nth,
         a.name AS agency, e.name AS enterprise, e.credit_code, e.grade,
         (SELECT group_concat(v.name, '、') FROM inspection_items ii JOIN item_versions v ON v.item_id = ii.item_id AND v.version = ii.item_version
           WHERE ii.inspection_id = y.id) AS items,
         (SELECT group_concat(o.name || '（' || COALESCE(o.cert_no, '无证号') || '）', char(10)) FROM inspection_team t JOIN officers o ON o.id = t.officer_id
           WHERE t.inspection_id = y.id) AS inspectors,
         (SELECT COUNT(*) FROM inspection_agencies j WHERE j.inspection_id = y.id) AS joint
       FROM y JOIN agencies a ON a.id = y.agency_id JOIN enterprises e ON e.id = y.enterprise_id
       WHERE y.actual_start >= @from ORDER BY y.actual_start, y.id`,
    )
    .all({ from, to, yearStart: `${from.slice(0, 4)}-01-01` }) as Raw[];
  return raw.map((r) => ({
    inspectionNo: r.number,
    code: r.code_registration_no ?? undefined,
    date: r.actual_start,
    agency: r.agency,
    type: r.kind === 'special' ? '专项检查' : r.kind === 'triggered' ? '个案检查' : '日常检查',
    source: taskSourceOf(r.kind, r.trigger_source),
    enterpriseName: r.enterprise,
    creditCode: r.credit_code || undefined,
    grade: r.grade ? `${r.grade}色` : undefined,
    items: cut(r.items || '—', 2000),
    method: r.joint > 0 ? '联合检查' : r.onsite === 1 ? '现场检查' : '非现场检查',
    inspectors: cut(r.inspectors || '—', 2000),
    codeScanned: r.code_registered_at !== null,
    result: r.outcome ? (OUTCOMES[r.outcome] ?? r.outcome) : r.recorded_at ? '已检查，待处理' : '检查中',
    followUp: followUp(r),
    feedbackDate: r.feedback_at ?? undefined,
    recheckDate: r.rectification_verified_at ?? undefined,
    countThisYear: r.nth,
    remark: [r.emergency === 1 ? '紧急检查' : '', r.out_of_jurisdiction === 1 ? '异地检查' : ''].filter(Boolean).join('；') || undefined,
  }));
}

const headOf = (h: string) => h.replace(/\n/gu, '/');
const lines = (...xs: (string | undefined)[]) => xs.filter((x): x is string => !!x).join('\n');

/** The same cell texts as the Word register (inspectionRegister.ts registerRows). */
function cells(r: Row, i: number): (string | number)[] {
  const d = (x?: string) => (x ? formatChineseDate(x) : undefined);
  return [
    i + 1,
    lines(r.inspectionNo, r.code),
    formatChineseDate(r.date),
    r.agency,
    lines(r.type, r.source),
    lines(r.enterpriseName, r.creditCode),
    r.grade ?? '',
    r.items,
    r.method,
    r.inspectors,
    r.codeScanned ? '是' : '否',
    r.result,
    r.followUp ?? '',
    lines(d(r.feedbackDate), d(r.recheckDate)),
    r.countThisYear,
    r.published ?? '',
    r.remark ?? '',
  ];
}

export async function writeLedgerXlsx(file: string, data: DocumentData<'inspectionRegister'> | DocumentInput<'inspectionRegister'>): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet('行政检查登记表', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToWidth: 1 } });
  sheet.columns = REGISTER_COLUMNS.map(([h, w]) => ({ key: h, width: Math.max(6, Math.round(w * 9)) }));
  const titleRow = sheet.addRow([`行政检查登记表（${data.agencyName}，${formatChineseDate(data.periodStart)}至${formatChineseDate(data.periodEnd)}，共${data.rows.length}条）`]);
  titleRow.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, REGISTER_COLUMNS.length);
  titleRow.commit();
  const head = sheet.addRow(REGISTER_COLUMNS.map(([h]) => headOf(h)));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.commit();
  data.rows.forEach((r, i) => {
    const row = sheet.addRow(cells(r as Row, i));
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  });
  sheet.commit();
  await book.commit();
}

export interface PreparedLedger {
  scratch: string;
  sha256: string;
  bytes: number;
  rows: number;
  fileName: string;
}

/** Before the transaction: reads the rows, writes the file, stores it by hash. */
export async function prepareLedger(ctx: HandlerCtx, input: { from: string; to: string; format: 'docx' | 'xlsx' }): Promise<PreparedLedger> {
  const me = requireUser(ctx);
  if (input.to < input.from) throw new AppError('INVALID_INPUT', '截止日期不能早于起始日期', 'to');
  const rows = ledgerRows(ctx.db, input.from, input.to);
  const settings = readDocumentSettings(ctx.db);
  const display = (ctx.db.prepare('SELECT display_name AS n FROM users WHERE id = ?').get(me.id) as { n: string } | undefined)?.n;
  const data: DocumentInput<'inspectionRegister'> = {
    agencyName: settings.agencyName.trim() || ownAgency(ctx.db).name || '—',
    periodStart: input.from,
    periodEnd: input.to,
    rows,
    preparedBy: display,
    preparedDate: today(ctx),
  };
  const scratch = ctx.transfers.scratchPath(`.${input.format}`);
  try {
    if (input.format === 'docx') {
      if (rows.length > DOCX_MAX_ROWS) {
        throw new AppError('INVALID_INPUT', `该期间共有 ${rows.length} 条检查记录，Word 登记表最多 ${DOCX_MAX_ROWS} 条：请缩短期间，或导出 Excel`);
      }
      fs.writeFileSync(scratch, renderDocument('inspectionRegister', data));
    } else {
      await writeLedgerXlsx(scratch, data);
    }
    const stored = await ctx.files.putFile(scratch);
    return { scratch, ...stored, rows: rows.length, fileName: `行政检查登记表-${input.from}至${input.to}.${input.format}` };
  } catch (e) {
    fs.rmSync(scratch, { force: true });
    throw e;
  }
}

/** In the transaction: registers the export and offers the file. */
export function runLedger(ctx: HandlerCtx, input: { from: string; to: string; format: 'docx' | 'xlsx' }, p: PreparedLedger): Output<'documents.ledger'> {
  const me = requireUser(ctx);
  const { id } = registerDocument(ctx.db, {
    inspectionId: null,
    kind: 'inspectionRegister',
    format: input.format,
    number: null,
    year: null,
    serial: null,
    period: { from: input.from, to: input.to },
    sha256: p.sha256,
    bytes: p.bytes,
    fileName: p.fileName,
    createdBy: me.id,
    createdAt: ctx.at.toISOString(),
  });
  const offered = ctx.transfers.offerDownload(p.scratch, p.fileName, input.format === 'xlsx' ? XLSX_MIME : DOCX_MIME);
  ctx.audit({ entity: 'document', entityId: id, summary: `导出行政检查登记表（${input.from} 至 ${input.to}，${input.format === 'xlsx' ? 'Excel' : 'Word'}，${p.rows} 条）` });
  return { documentId: id, downloadId: offered.downloadId, fileName: offered.name, rows: p.rows };
}
