import fs from 'node:fs';
import type { Db } from '../../db/database';
import type { CompletenessItem } from '../../../shared/api/archive';
import { shanghaiDate } from '../../../shared/calendar';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import { readRuleSettings } from '../inspections/settings';
import { countPages, type PagesSource } from './pages';

/**
 * What goes into a case file, in order (DOMAIN.md §5 [U]): for each inspection (by date),
 * its current documents and its evidence in the order approval/plan → filing → notice (with
 * its receipt) → on-site / off-site record → evidence (photos, scans, audio-video) → result
 * notice → rectification order → transfer letter; and the completeness check: what an
 * inspection of that kind must contain, with the basis of each requirement.
 */

export interface EntryDraft {
  inspectionId: number;
  documentId: number | null;
  attachmentId: number | null;
  slot: string;
  docNo: string;
  author: string;
  title: string;
  date: string | null;
  pages: number;
  pagesSource: PagesSource | 'manual';
  remark: string;
}

/** Slots in filing order; evidence sits between the record and the result notice. */
export const SLOTS = ['approvalForm', 'filingForm', 'inspectionNotice', 'onSiteRecord', 'offSiteRecord', 'evidence', 'resultNotice', 'rectificationOrder', 'transferLetter'] as const;
const SLOT_RANK = new Map<string, number>(SLOTS.map((s, i) => [s, i]));

const EVIDENCE_LABEL: Record<string, string> = { photo: '现场照片', scan: '书面材料扫描件', audio: '录音资料', video: '录像资料', other: '其他证据材料' };
const EVIDENCE_RANK: Record<string, number> = { photo: 0, scan: 1, other: 2, audio: 3, video: 4 };

/** Largest file read to count its pages (a PDF scan); bigger ones count as one page until corrected. */
const MAX_READ = 64 * 1024 * 1024;

export interface FileSource {
  pathOf(sha256: string): string;
}

interface InspectionInfo {
  id: number;
  number: string;
  onsite: number;
  outcome: string | null;
  no_notice_reason: string | null;
  filing_exemption: string | null;
  code_registration_no: string | null;
  rectification_verified_at: string | null;
  enterprise: string;
  agency: string;
  date: string | null;
}

function inspections(db: Db, ids: readonly number[]): InspectionInfo[] {
  const st = db.prepare(
    `SELECT i.id, i.number, i.onsite, i.outcome, i.no_notice_reason, i.filing_exemption, i.code_registration_no, i.rectification_verified_at,
            e.name AS enterprise, a.name AS agency, COALESCE(i.actual_start, i.planned_date) AS date
     FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN agencies a ON a.id = i.agency_id WHERE i.id = ?`,
  );
  return ids
    .map((id) => st.get(id) as InspectionInfo | undefined)
    .filter((r): r is InspectionInfo => !!r)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
}

function readPages(files: FileSource, sha256: string, mediaType: string, name: string, bytes: number): { pages: number; source: PagesSource } {
  if (mediaType.startsWith('image/')) return { pages: 1, source: 'image' };
  if (mediaType.startsWith('audio/') || mediaType.startsWith('video/')) return { pages: 0, source: 'media' };
  if (bytes > MAX_READ) return { pages: 1, source: 'estimate' };
  try {
    return countPages(fs.readFileSync(files.pathOf(sha256)), mediaType, name);
  } catch {
    // A missing file is the fixity check's business; here it counts as one page.
    return { pages: 1, source: 'estimate' };
  }
}

/** The entries of a case file made of these inspections, in filing order. */
export function collectEntries(db: Db, files: FileSource, inspectionIds: readonly number[]): EntryDraft[] {
  const out: EntryDraft[] = [];
  const docs = db.prepare(
    `SELECT id, kind, number, sha256, bytes, file_name, created_at FROM documents
     WHERE inspection_id = ? AND status = 'current' ORDER BY id`,
  );
  const atts = db.prepare('SELECT id, kind, sha256, bytes, name, media_type, taken_at, created_at, note FROM attachments WHERE inspection_id = ? ORDER BY id');
  for (const ins of inspections(db, inspectionIds)) {
    const mine: (EntryDraft & { rank: number; sub: string })[] = [];
    for (const d of docs.all(ins.id) as { id: number; kind: string; number: string | null; sha256: string; bytes: number; file_name: string; created_at: string }[]) {
      const p = readPages(files, d.sha256, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', d.file_name, d.bytes);
      const name = (DOCUMENT_KINDS as Record<string, string>)[d.kind] ?? d.kind;
      const receipt = ['inspectionNotice', 'resultNotice', 'rectificationOrder'].includes(d.kind) ? '及送达回执' : '';
      mine.push({
        inspectionId: ins.id,
        documentId: d.id,
        attachmentId: null,
        slot: d.kind,
        docNo: d.number ?? '',
        author: ins.agency,
        title: `${ins.enterprise}${name}${receipt}`,
        date: shanghaiDate(d.created_at),
        pages: p.pages,
        pagesSource: p.source,
        remark: '',
        rank: SLOT_RANK.get(d.kind) ?? SLOTS.length,
        sub: d.created_at,
      });
    }
    for (const a of atts.all(ins.id) as { id: number; kind: string; sha256: string; bytes: number; name: string; media_type: string; taken_at: string | null; created_at: string; note: string | null }[]) {
      const p = readPages(files, a.sha256, a.media_type, a.name, a.bytes);
      mine.push({
        inspectionId: ins.id,
        documentId: null,
        attachmentId: a.id,
        slot: 'evidence',
        docNo: '',
        author: ins.agency,
        title: `${EVIDENCE_LABEL[a.kind] ?? '证据材料'}：${a.name}${a.note ? `（${a.note}）` : ''}`,
        date: a.taken_at ? a.taken_at.slice(0, 10) : shanghaiDate(a.created_at),
        pages: p.pages,
        pagesSource: p.source,
        remark: p.source === 'media' ? '音像资料，另行保存' : '',
        rank: SLOT_RANK.get('evidence') ?? 0,
        sub: `${EVIDENCE_RANK[a.kind] ?? 9}${a.taken_at ?? a.created_at}${String(a.id).padStart(10, '0')}`,
      });
    }
    mine.sort((x, y) => x.rank - y.rank || x.sub.localeCompare(y.sub));
    out.push(...mine.map(({ rank: _r, sub: _s, ...e }) => e));
  }
  return out;
}

/** Page ranges: content pages numbered from 1 across the volume; entries without pages get none. */
export function numberPages<T extends { pages: number }>(entries: readonly T[]): (T & { pageFrom: number | null; pageTo: number | null })[] {
  let next = 1;
  return entries.map((e) => {
    if (e.pages <= 0) return { ...e, pageFrom: null, pageTo: null };
    const from = next;
    next += e.pages;
    return { ...e, pageFrom: from, pageTo: next - 1 };
  });
}

/**
 * What each inspection must contain (湘政办发〔2025〕5号 （十一）（十二）（十六）（十七）（十八）;
 * 潭优发〔2024〕2号 for the filing form), given its kind, method and outcome; `present` is read
 * from its current documents, its evidence and its record.
 */
export function completeness(db: Db, inspectionIds: readonly number[]): CompletenessItem[] {
  const follows = readRuleSettings(db).followsXiangtanFiling;
  const kinds = db.prepare("SELECT DISTINCT kind FROM documents WHERE inspection_id = ? AND status = 'current'").pluck();
  const evidence = db.prepare('SELECT COUNT(*) FROM attachments WHERE inspection_id = ?').pluck();
  const out: CompletenessItem[] = [];
  for (const ins of inspections(db, inspectionIds)) {
    const have = new Set(kinds.all(ins.id) as string[]);
    const onsite = ins.onsite === 1;
    const add = (key: string, label: string, required: boolean, present: boolean, basis: string) =>
      out.push({ inspectionId: ins.id, inspectionNo: ins.number, key, label, required, present, basis });
    const doc = (kind: keyof typeof DOCUMENT_KINDS, required: boolean, basis: string) => add(kind, DOCUMENT_KINDS[kind], required, have.has(kind), basis);
    doc('approvalForm', onsite, '湘政办发〔2025〕5号（十一）：现场检查须有经负责人批准的书面检查方案');
    if (follows && !ins.filing_exemption) doc('filingForm', true, '潭优发〔2024〕2号 三（一）1：入企前填写备案表报备');
    if (onsite) doc('inspectionNotice', !ins.no_notice_reason, ins.no_notice_reason ? `依法不事先通知：${ins.no_notice_reason}` : '湘政办发〔2025〕5号（十六）：出具行政检查通知书');
    if (onsite) add('code', '扫码入企登记（行政检查码）', true, !!ins.code_registration_no, '湘政办发〔2025〕5号（十二）：入企前扫码登记、亮码检查');
    doc(onsite ? 'onSiteRecord' : 'offSiteRecord', true, onsite ? '湘政办发〔2025〕5号（十六）：制作现场检查笔录' : '湘政办发〔2025〕5号（七）：非现场检查亦须留存记录');
    add('evidence', '证据材料（照片、录音录像、书面材料）', false, (evidence.get(ins.id) as number) > 0, '湘政办发〔2025〕5号（十八）：检查中形成的证据材料一并归档');
    doc('resultNotice', true, '湘政办发〔2025〕5号（十七）：检查结束后 5 个工作日内书面反馈检查结果');
    if (ins.outcome === 'rectification') {
      doc('rectificationOrder', true, '责令（限期）改正须书面通知');
      add('recheck', '整改复查情况', true, !!ins.rectification_verified_at, '责令整改后复查，记录整改结果');
    }
    if (ins.outcome === 'transfer' || ins.outcome === 'penalty') doc('transferLetter', true, '湘政办发〔2025〕5号（十八）：不属本机关管辖的，20 个工作日内移送');
  }
  return out;
}
