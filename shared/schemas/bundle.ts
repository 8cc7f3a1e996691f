import { z } from 'zod';

/**
 * data/manifest.json of an export bundle (DESIGN.md: Bundles). The zip around it is a BagIt bag
 * whose manifest-sha256.txt already fixes every byte; this file says what the bytes *are*: the
 * records (by entity type, each with its stable uuid and version), the documents and attachments
 * (where they sit in the bag, their hash, and the record they belong to), and the audit-log rows
 * of the exported records. Pure: the writer and the reader both validate through it, so the app
 * never writes a bundle it would refuse to read.
 */

export const BUNDLE_SCHEMA_VERSION = 1;

/** Every way a bundle can be refused; the importer and the UI branch on these, never on text. */
export const BUNDLE_PROBLEMS = [
  'ZIP_CORRUPT',
  'ZIP_TRUNCATED',
  'ZIP_BOMB',
  'UNSUPPORTED_ENTRY',
  'PATH_TRAVERSAL',
  'UNSAFE_NAME',
  'SYMLINK',
  'DUPLICATE_PATH',
  'BAGIT_INVALID',
  'BAG_MANIFEST_INVALID',
  'CHECKSUM_MISMATCH',
  'MISSING_FILE',
  'EXTRA_FILE',
  'SCHEMA_VERSION',
  'SCHEMA_INVALID',
  'MISSING_REFERENCE',
  'UNREFERENCED_FILE',
] as const;
export type BundleProblem = (typeof BUNDLE_PROBLEMS)[number];

/**
 * Entity types a v1 bundle may carry: table names, listed parents first (the order an importer
 * merges them in). A type a reader does not know makes the bundle invalid rather than silently
 * half-imported; add a type here when its table becomes exportable.
 */
export const BUNDLE_ENTITY_TYPES = [
  'agencies',
  'officers',
  'enterprises',
  'items',
  'item_versions',
  'plans',
  'plan_lines',
  'draws',
  'inspections',
  'rule_overrides',
  'documents',
  'attachments',
  'case_files',
  'case_file_entries',
] as const;
export type BundleEntityType = (typeof BUNDLE_ENTITY_TYPES)[number];

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u, 'SHA-256 应为 64 位小写十六进制').describe('SHA-256');
const entityType = z.enum(BUNDLE_ENTITY_TYPES, { error: '不认识的记录类型' }).describe('记录类型');
const recordUuid = z.uuid({ error: 'UUID 格式不正确' }).describe('UUID');
const isoDate = z.iso.date({ error: '日期应为 年-月-日' });
const isoTimeWithOffset = z.iso.datetime({ offset: true, error: '时间应为带时区的 ISO 8601 时间（如 2025-03-01T09:30:00+08:00）' });

/** A path inside the bag, as written by the bundle writer: NFC, '/'-separated, no '.' or '..' segments. */
export const bagPath = z
  .string()
  .min(1)
  .max(400)
  .refine((p) => p === p.normalize('NFC'), '路径应为 NFC 规范形式')
  .refine((p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), '路径含有空段、“.”或“..”')
  .describe('包内路径');

/** Which record a file belongs to. */
export const recordRef = z.strictObject({ entity: entityType, uuid: recordUuid });

/** A stored file (document or attachment) inside data/. */
export const bundleFile = z.strictObject({
  path: bagPath,
  /** The name the user knows (before the writer made it safe for Windows), for display only. */
  name: z.string().min(1).max(1000).describe('原文件名'),
  sha256: sha256Hex,
  size: z.number().int().nonnegative().describe('大小'),
  mediaType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/u, '媒体类型格式不正确（如 image/jpeg）')
    .describe('媒体类型'),
  record: recordRef,
});
export type BundleFile = z.infer<typeof bundleFile>;

/** One record: any JSON object that carries its stable identity and version (DESIGN.md: data model). */
export const bundleRecord = z.looseObject({ uuid: recordUuid, version: z.int().min(1, '版本号应 ≥ 1').describe('版本号') });
export type BundleRecord = z.infer<typeof bundleRecord>;

/** An audit_log row of an exported record, with every column its hash covers, so it can be re-checked. */
export const bundleAuditEntry = z.strictObject({
  seq: z.int().positive().describe('日志序号'),
  at: z.string().min(1).describe('时间'),
  userId: z.int().nullable(),
  username: z.string().nullable(),
  route: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  prevHash: sha256Hex,
  hash: sha256Hex,
  record: recordRef,
});
export type BundleAuditEntry = z.infer<typeof bundleAuditEntry>;

/** What was exported: a date range, chosen records, or the whole archive. */
export const bundleSelection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dateRange'), from: isoDate, to: isoDate, note: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('records'), entity: entityType, uuids: z.array(recordUuid).min(1), note: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('all'), note: z.string().max(500).optional() }),
]);

export const bundleManifest = z
  .strictObject({
    schemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
    exportedAt: isoTimeWithOffset.describe('导出时间'),
    software: z.strictObject({ name: z.string().min(1).max(100), version: z.string().min(1).max(50) }),
    office: z.strictObject({
      agencyUuid: recordUuid,
      name: z.string().min(1).max(100).describe('导出单位'),
      creditCode: z.string().max(18).nullable(),
    }),
    selection: bundleSelection,
    records: z.partialRecord(entityType, z.array(bundleRecord)),
    documents: z.array(bundleFile),
    attachments: z.array(bundleFile),
    audit: z.array(bundleAuditEntry),
  })
  .superRefine((m, ctx) => {
    // Cross-references that a per-field schema cannot see.
    const known = new Map<string, Set<string>>();
    for (const [type, list] of Object.entries(m.records)) {
      const seen = new Set<string>();
      (list ?? []).forEach((r, i) => {
        if (seen.has(r.uuid)) ctx.addIssue({ code: 'custom', path: ['records', type, i, 'uuid'], message: `记录 ${r.uuid} 在“${type}”中重复出现` });
        seen.add(r.uuid);
      });
      known.set(type, seen);
    }
    const refOk = (r: { entity: string; uuid: string }) => known.get(r.entity)?.has(r.uuid) === true;
    const paths = new Set<string>();
    for (const group of ['documents', 'attachments'] as const) {
      m[group].forEach((f, i) => {
        if (!f.path.startsWith(`data/${group}/`)) ctx.addIssue({ code: 'custom', path: [group, i, 'path'], message: `${f.path} 应位于 data/${group}/ 下` });
        const key = pathKey(f.path);
        if (paths.has(key)) ctx.addIssue({ code: 'custom', path: [group, i, 'path'], message: `文件路径 ${f.path} 重复` });
        paths.add(key);
        if (!refOk(f.record)) ctx.addIssue({ code: 'custom', path: [group, i, 'record'], message: `${f.path} 所属的记录 ${f.record.entity}/${f.record.uuid} 不在数据包中` });
      });
    }
    m.audit.forEach((a, i) => {
      if (!refOk(a.record)) ctx.addIssue({ code: 'custom', path: ['audit', i, 'record'], message: `日志第 ${a.seq} 条所指的记录 ${a.record.entity}/${a.record.uuid} 不在数据包中` });
    });
  });
export type BundleManifest = z.infer<typeof bundleManifest>;
export type BundleManifestInput = z.input<typeof bundleManifest>;

/**
 * The key two paths collide on when extracted on Windows (case-insensitive) or macOS (NFD/NFC):
 * the writer keeps keys unique and the reader refuses duplicates by it.
 */
export function pathKey(p: string): string {
  return p.normalize('NFC').toLowerCase();
}

export type ManifestCheck = { ok: true; manifest: BundleManifest } | { ok: false; problem: BundleProblem; message: string };

/**
 * Validates parsed manifest.json. The version is looked at first, on its own: a bundle from a
 * newer app must be refused with "please upgrade", not with a list of fields this app cannot read.
 */
export function checkBundleManifest(json: unknown): ManifestCheck {
  const v = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return { ok: false, problem: 'SCHEMA_VERSION', message: '数据包的 manifest.json 缺少格式版本号（schemaVersion），无法识别，不是本软件导出的数据包' };
  }
  if (v > BUNDLE_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: 'SCHEMA_VERSION',
      message: `此数据包由较新版本的软件导出（格式版本 ${v}），本软件只能读取格式版本 ${BUNDLE_SCHEMA_VERSION}，请先升级本软件再导入`,
    };
  }
  if (v !== BUNDLE_SCHEMA_VERSION) {
    return { ok: false, problem: 'SCHEMA_VERSION', message: `不认识的数据包格式版本 ${v}（本软件读取格式版本 ${BUNDLE_SCHEMA_VERSION}）` };
  }
  const r = bundleManifest.safeParse(json);
  if (!r.success) {
    const [first] = r.error.issues;
    const more = r.error.issues.length > 1 ? `；另有 ${r.error.issues.length - 1} 处错误` : '';
    return { ok: false, problem: 'SCHEMA_INVALID', message: `数据包的 manifest.json 内容不符合格式：${first ? issueText(first) : '格式不正确'}${more}` };
  }
  return { ok: true, manifest: r.data };
}

const LABELS: Record<string, string> = {
  uuid: 'UUID',
  version: '版本号',
  sha256: 'SHA-256',
  size: '大小',
  path: '包内路径',
  mediaType: '媒体类型',
  exportedAt: '导出时间',
  record: '所属记录',
  entity: '记录类型',
};

/** One zod issue as a Chinese sentence with where it is ("records.inspections[0].version"). */
function issueText(issue: z.core.$ZodIssue): string {
  const where = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
  const last = issue.path[issue.path.length - 1];
  const label = typeof last === 'string' && LABELS[last] ? `「${LABELS[last]}」` : '';
  let text: string;
  if (/[\u4e00-\u9fff]/u.test(issue.message)) text = issue.message;
  else if (issue.code === 'unrecognized_keys') text = `${last === 'records' ? '不认识的记录类型' : '不认识的字段'}：${issue.keys.join('、')}`;
  else if (issue.code === 'invalid_type') text = /received undefined/u.test(issue.message) ? '缺失' : '类型不正确';
  else if (issue.code === 'invalid_value') text = '不是允许的取值';
  else if (issue.code === 'too_small') text = `过小或过短（最少 ${String(issue.minimum)}）`;
  else if (issue.code === 'too_big') text = `过大或过长（最多 ${String(issue.maximum)}）`;
  else text = '格式不正确';
  return `${label}${text}${where ? `（位置 ${where}）` : ''}`;
}
