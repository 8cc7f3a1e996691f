import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { DEFAULT_TEXTS } from '../../documents/texts';
import { formatDocNumber } from '../../documents/styles';
import { AppError } from '../../errors';
import {
  INSPECTION_DOCUMENT_KINDS,
  documentSettingsSchema,
  type DocumentSettings,
  type InspectionDocumentKind,
} from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';

/**
 * The office's document settings (one JSON value in `settings` under 'documents'): the agency
 * name and abbreviation printed and used in numbers, a number pattern per kind, the fixed
 * texts, the default rectification period; and the QR key, made once by migration 005.
 */

export const DEFAULT_PATTERNS: Record<InspectionDocumentKind, string> = {
  approvalForm: '{abbr}检审〔{year}〕{n}号',
  filingForm: '{abbr}检备〔{year}〕{n}号',
  inspectionNotice: '{abbr}检通〔{year}〕{n}号',
  onSiteRecord: '',
  offSiteRecord: '{abbr}非现〔{year}〕{n}号',
  resultNotice: '{abbr}检告〔{year}〕{n}号',
  rectificationOrder: '{abbr}责改〔{year}〕{n}号',
  transferLetter: '{abbr}移函〔{year}〕{n}号',
};

/** Kinds whose form prints a number: their pattern may not be blank. */
export const NUMBER_REQUIRED: ReadonlySet<InspectionDocumentKind> = new Set(['approvalForm', 'inspectionNotice', 'offSiteRecord', 'resultNotice', 'rectificationOrder', 'transferLetter']);

export const DEFAULT_SETTINGS: DocumentSettings = {
  agencyName: '',
  abbr: '',
  patterns: DEFAULT_PATTERNS,
  texts: DEFAULT_TEXTS,
  defaultRectifyWorkingDays: null,
};

const KEY = 'documents';
const QR_KEY = 'documents.qrSecret';

export function readDocumentSettings(db: Db): DocumentSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  let stored: Partial<DocumentSettings>;
  try {
    stored = JSON.parse(row.value) as Partial<DocumentSettings>;
  } catch {
    return DEFAULT_SETTINGS;
  }
  const merged = {
    ...DEFAULT_SETTINGS,
    ...stored,
    patterns: { ...DEFAULT_PATTERNS, ...(stored.patterns ?? {}) },
    texts: { ...DEFAULT_TEXTS, ...(stored.texts ?? {}) },
  };
  const parsed = documentSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Checks a whole settings object; throws INVALID_INPUT naming the first wrong pattern. */
export function validateDocumentSettings(s: DocumentSettings): void {
  const seen = new Map<string, InspectionDocumentKind>();
  for (const kind of INSPECTION_DOCUMENT_KINDS) {
    const p = s.patterns[kind].trim();
    const title = DOCUMENT_KINDS[kind];
    if (!p) {
      if (NUMBER_REQUIRED.has(kind)) throw new AppError('INVALID_INPUT', `《${title}》须有编号，文号格式不能为空`, `patterns.${kind}`);
      continue;
    }
    const why = patternProblem(p);
    if (why) throw new AppError('INVALID_INPUT', `《${title}》的文号格式${why}`, `patterns.${kind}`);
    const norm = normalizePattern(p);
    const other = seen.get(norm);
    if (other) throw new AppError('INVALID_INPUT', `《${title}》与《${DOCUMENT_KINDS[other]}》的文号格式相同，编号会重复`, `patterns.${kind}`);
    seen.set(norm, kind);
  }
}

/** Why a pattern cannot give unique numbers, or null. */
export function patternProblem(p: string): string | null {
  const serials = (p.match(/\{(n|serial)\}/gu) ?? []).length;
  if (serials !== 1) return '须含且只含一个序号 {n}';
  if (!p.includes('{year}')) return '须含年份 {year}（编号按年度重新计数）';
  const unknown = (p.match(/\{[^}]*\}/gu) ?? []).filter((t) => !['{abbr}', '{year}', '{n}', '{serial}'].includes(t));
  if (unknown.length) return `含有无法识别的占位符 ${unknown.join(' ')}（可用 {abbr} {year} {n}）`;
  return null;
}

const normalizePattern = (p: string) => p.trim().replace(/\{serial\}/gu, '{n}');

export function writeDocumentSettings(db: Db, s: DocumentSettings): void {
  validateDocumentSettings(s);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(s));
}

/** A number from the kind's pattern, e.g. 湘县市监检通〔2025〕12号; null for kinds without one. */
export function formatNumber(pattern: string, v: { abbr: string; year: number; serial: number }): string {
  return formatDocNumber(normalizePattern(pattern).replace(/\{n\}/gu, '{serial}'), v);
}

/** The QR key; made (and stored) when missing and `create` allows it (inside a write transaction). */
export function qrSecret(db: Db, create = false): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(QR_KEY) as { value: string } | undefined;
  if (row?.value) return row.value;
  if (!create) throw new AppError('INTERNAL', '本机关的二维码密钥尚未生成，请重新启动程序');
  const secret = randomBytes(32).toString('hex');
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(QR_KEY, secret);
  return secret;
}

/** A short, non-secret fingerprint of the QR key for the settings page (to compare two installations). */
export function qrFingerprint(secret: string): string {
  const hex = createHash('sha256').update(`fingerprint\n${secret}`).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/gu)?.join('-') ?? hex;
}

/** The office's own agency (is_own first), named where the settings leave name/abbreviation blank. */
export function ownAgency(db: Db): { name: string; shortName: string } {
  const row = db.prepare('SELECT name, short_name AS shortName FROM agencies ORDER BY is_own DESC, id LIMIT 1').get() as { name: string; shortName: string } | undefined;
  return row ?? { name: '', shortName: '' };
}

/** Counter scope of a kind in `counters`. */
export const counterScope = (kind: InspectionDocumentKind): string => `doc:${kind}`;
