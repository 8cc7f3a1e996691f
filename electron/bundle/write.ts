import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  BUNDLE_ENTITY_TYPES,
  BUNDLE_SCHEMA_VERSION,
  checkBundleManifest,
  pathKey,
  type BundleAuditEntry,
  type BundleEntityType,
  type BundleManifestInput,
  type BundleRecord,
} from '../../shared/schemas/bundle';
import { AppError } from '../errors';
import { JobCancelled, type TaskIO } from '../jobs/protocol';
import { BAG_INFO, BAGIT, BAGIT_TXT, bagInfoText, MANIFEST_JSON, manifestText, PAYLOAD_MANIFEST, payloadOxum, TAG_MANIFEST } from './bagit';
import { bagFilePath, safeBagName, uniquePath } from './names';
import { dosDateTime, ZipWriter } from './zip';

/**
 * writeBundle: an export bundle (DESIGN.md: Bundles) as a zip holding one BagIt bag. The archive
 * services decide *what* to export and hand it here as plain data; this module decides *how*:
 * safe deterministic paths, data/manifest.json, the tag files, and a zip streamed from the
 * content-addressed store with each file read once (SHA-256 and CRC-32 on the same pass).
 * Written to "<target>.partial", flushed, then renamed: a crash or cancel never leaves a file
 * under the final name.
 */

/** A stored file to export: the store's hash, its size, the user's name for it, and its record. */
export interface BundleFileInput {
  sha256: string;
  size: number;
  /** Display name, may contain folders ("湘潭县市场监督管理局/现场检查笔录（第1页）.docx"). */
  name: string;
  mediaType: string;
  record: { entity: BundleEntityType; uuid: string };
}

export interface BundleContent {
  /** ISO time with the office's offset ("2025-03-01T09:30:00+08:00"): Bagging-Date and entry times come from it. */
  exportedAt: string;
  software: { name: string; version: string };
  office: { agencyUuid: string; name: string; creditCode: string | null };
  selection: BundleManifestInput['selection'];
  records: Partial<Record<BundleEntityType, BundleRecord[]>>;
  documents: BundleFileInput[];
  attachments: BundleFileInput[];
  audit: BundleAuditEntry[];
  /** Folder the bag unpacks to (RFC 8493 §4: one base directory); default "InspectDesk-YYYYMMDD-HHMMSS". */
  bagName?: string;
}

export interface WriteOptions {
  /** Where stored files are (FileStore satisfies this). */
  store: { pathOf(sha256: string): string };
  /** Tests only: exercise ZIP64 records without writing 4 GiB. */
  zip64Threshold?: number;
}

export interface WriteResult {
  path: string;
  bytes: number;
  bagName: string;
  payloadFiles: number;
  payloadBytes: number;
  /** SHA-256 of data/manifest.json, which pins every record and file of the bundle. */
  manifestSha256: string;
}

const PROGRESS_STEP = 4 * 1024 * 1024;
const PHASE = '写入数据包';

/** Writes `content` as a bundle at `target`; progress is payload bytes, cancel removes the partial file. */
export async function writeBundle(target: string, content: BundleContent, io: TaskIO, opts: WriteOptions): Promise<WriteResult> {
  const bagName = safeBagName(content.bagName ?? `InspectDesk-${content.exportedAt.slice(0, 19).replace(/[-:]/gu, '').replace('T', '-')}`);
  const prefix = `${bagName}/`;
  const { manifest, files } = buildManifest(content, prefix);
  const json = Buffer.from(`${canonicalJson(manifest)}\n`, 'utf8');
  const jsonSha = sha256(json);

  const sources = files.map((f) => ({ ...f, source: statSource(opts.store.pathOf(f.sha256), f) }));
  const payload = [{ path: MANIFEST_JSON, sha256: jsonSha, size: json.length }, ...sources];
  const payloadBytes = payload.reduce((n, f) => n + f.size, 0);
  const manifestTxt = Buffer.from(manifestText(payload), 'utf8');
  const bagInfo = Buffer.from(
    bagInfoText([
      ['Source-Organization', content.office.name],
      ['Bagging-Date', content.exportedAt.slice(0, 10)],
      ['Bag-Software-Agent', `${content.software.name} ${content.software.version}`],
      ['External-Description', `涉企行政检查档案数据包（data/manifest.json 格式版本 ${BUNDLE_SCHEMA_VERSION}）`],
      ['Payload-Oxum', payloadOxum(payloadBytes, payload.length)],
    ]),
    'utf8',
  );
  const bagit = Buffer.from(BAGIT_TXT, 'utf8');
  const tagTxt = Buffer.from(
    manifestText([
      { path: BAGIT, sha256: sha256(bagit) },
      { path: BAG_INFO, sha256: sha256(bagInfo) },
      { path: PAYLOAD_MANIFEST, sha256: sha256(manifestTxt) },
    ]),
    'utf8',
  );

  const partial = `${target}.partial`;
  let zip: ZipWriter | null = null;
  try {
    io.checkCancelled();
    zip = ZipWriter.open(partial, { dosDateTime: dosDateTime(content.exportedAt), zip64Threshold: opts.zip64Threshold });
    // Tag files first, then manifest.json, then the payload by path: a reader streaming the zip
    // meets the checksums before the bytes they cover.
    for (const [name, buf] of [[BAGIT, bagit], [BAG_INFO, bagInfo], [PAYLOAD_MANIFEST, manifestTxt], [TAG_MANIFEST, tagTxt], [MANIFEST_JSON, json]] as const) {
      await zip.addBuffer(prefix + name, buf);
    }
    let done = json.length;
    let reported = 0;
    io.progress(PHASE, done, payloadBytes);
    for (const f of [...sources].sort((a, b) => cmp(a.path, b.path))) {
      await zip.addFile(prefix + f.path, f.source, f.size, f.sha256, (n) => {
        done += n;
        io.checkCancelled();
        if (done - reported >= PROGRESS_STEP) {
          reported = done;
          io.progress(PHASE, done, payloadBytes);
        }
      });
    }
    const bytes = await zip.finish();
    zip = null;
    await renameWithRetry(partial, target);
    syncDir(path.dirname(target));
    io.progress(PHASE, payloadBytes, payloadBytes);
    return { path: target, bytes, bagName, payloadFiles: payload.length, payloadBytes, manifestSha256: jsonSha };
  } catch (e) {
    zip?.abort();
    fs.rmSync(partial, { force: true });
    if (e instanceof AppError || e instanceof JobCancelled) throw e;
    throw AppError.from('数据包未能写入', e, target);
  }
}

interface PlacedFile extends BundleFileInput {
  path: string;
}

/** The manifest object with every list in a fixed order, and the files with their bag paths. */
function buildManifest(content: BundleContent, prefix: string): { manifest: BundleManifestInput; files: PlacedFile[] } {
  const taken = new Set<string>([pathKey(prefix + MANIFEST_JSON)]);
  const place = (group: 'documents' | 'attachments'): PlacedFile[] =>
    [...content[group]]
      .sort((a, b) => cmp(a.name, b.name) || cmp(a.sha256, b.sha256) || cmp(a.record.uuid, b.record.uuid))
      .map((f) => ({ ...f, path: uniquePath(bagFilePath(`${prefix}data/${group}/`, f.name), f.sha256, taken).slice(prefix.length) }))
      .sort((a, b) => cmp(a.path, b.path));
  const documents = place('documents');
  const attachments = place('attachments');
  const records: Partial<Record<BundleEntityType, BundleRecord[]>> = {};
  for (const type of BUNDLE_ENTITY_TYPES) {
    const list = content.records[type];
    if (list?.length) records[type] = [...list].sort((a, b) => cmp(a.uuid, b.uuid));
  }
  const entry = (f: PlacedFile) => ({ path: f.path, name: f.name, sha256: f.sha256, size: f.size, mediaType: f.mediaType, record: f.record });
  const manifest: BundleManifestInput = {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: content.exportedAt,
    software: content.software,
    office: content.office,
    selection: content.selection,
    records,
    documents: documents.map(entry),
    attachments: attachments.map(entry),
    audit: [...content.audit].sort((a, b) => a.seq - b.seq),
  };
  // Never write what the reader would refuse.
  const check = checkBundleManifest(manifest);
  if (!check.ok) throw new AppError('INVALID_INPUT', `导出内容有误，未生成数据包：${check.message}`);
  return { manifest, files: [...documents, ...attachments] };
}

function statSource(file: string, f: BundleFileInput): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw AppError.from(`档案文件缺失，无法导出“${f.name}”`, e, f.sha256);
  }
  if (size !== f.size) throw new AppError('INTERNAL', `档案文件“${f.name}”的大小（${size}）与记录（${f.size}）不符，未导出。请先检查档案文件`);
  return file;
}

/** JSON with object keys sorted at every level, so equal content always serialises to equal bytes. */
export function canonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value), null, 2);
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * On Windows a file just closed is often held for a moment by an antivirus scanner or the search
 * indexer, and rename fails with EPERM/EBUSY; retry for about two seconds before giving up.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open a directory for this and needs no help. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported on this platform: the file's own fsync already happened.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
