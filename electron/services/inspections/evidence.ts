import exifr from 'exifr';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { HandlerCtx } from '../../api/context';
import { requireUser } from '../../api/context';
import { AppError } from '../../errors';
import type { Stored } from '../../files/store';
import { loadRow } from './facts';
import { afterChange, event, today } from './store';

/**
 * Evidence: the uploaded file goes into the content-addressed store (before the transaction:
 * storing is idempotent), a photo's own capture time and GPS are read from its EXIF, and a
 * photo taken outside the inspection's days is flagged.
 */
export interface PreparedEvidence {
  stored: Stored;
  name: string;
  mediaType: string;
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
}

const MEDIA: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  amr: 'audio/amr',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

function mediaTypeOf(name: string): string {
  return MEDIA[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** EXIF DateTimeOriginal is the camera's local wall time ("2025:03:02 10:15:00"), kept as such. */
function exifTime(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/u.exec(raw);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
}

export async function prepareEvidence(ctx: HandlerCtx, input: { uploadId: string; kind: string }): Promise<PreparedEvidence> {
  const upload = ctx.transfers.upload(input.uploadId);
  const stored = await ctx.files.putFile(upload.path);
  let takenAt: string | null = null;
  let gps: PreparedEvidence['gps'] = null;
  const mediaType = mediaTypeOf(upload.name);
  if (mediaType.startsWith('image/')) {
    try {
      const tags = (await exifr.parse(upload.path, { reviveValues: false, gps: true, pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'] })) as
        | Record<string, unknown>
        | undefined;
      takenAt = exifTime(tags?.DateTimeOriginal) ?? exifTime(tags?.CreateDate);
      const g = await exifr.gps(upload.path).catch(() => undefined);
      if (g && Number.isFinite(g.latitude) && Number.isFinite(g.longitude)) gps = { lat: g.latitude, lon: g.longitude };
    } catch {
      // A photo without readable EXIF is still evidence; it just has no capture time.
    }
  }
  fs.rmSync(upload.path, { force: true });
  return { stored, name: upload.name, mediaType, takenAt, gps };
}

export function addEvidence(
  ctx: HandlerCtx,
  input: { id: number; kind: 'photo' | 'audio' | 'video' | 'scan' | 'other'; note: string | null },
  p: PreparedEvidence,
): { attachmentId: number; takenAt: string | null; outsideWindow: boolean } {
  const me = requireUser(ctx);
  const r = loadRow(ctx.db, input.id);
  if (r.merged_into !== null || r.status === 'archived') throw new AppError('CONFLICT', '该任务已归档或已合并，不能再添加证据');
  const from = r.actual_start ?? r.planned_date;
  const to = r.actual_end ?? today(ctx);
  const day = p.takenAt?.slice(0, 10) ?? null;
  const outside = input.kind === 'photo' && day !== null && from !== null && (day < from || day > to);
  const info = ctx.db
    .prepare(
      `INSERT INTO attachments (uuid, inspection_id, sha256, bytes, name, media_type, kind, taken_at, gps_lat, gps_lon, outside_window, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(), r.id, p.stored.sha256, p.stored.bytes, p.name, p.mediaType, input.kind, p.takenAt, p.gps?.lat ?? null, p.gps?.lon ?? null, outside ? 1 : 0, input.note, me.id, ctx.at.toISOString());
  const id = Number(info.lastInsertRowid);
  event(ctx, r.id, 'evidence', `${p.name}${outside ? '（拍摄时间不在检查期间）' : ''}`);
  ctx.db.prepare('UPDATE inspections SET version = version + 1, updated_at = ? WHERE id = ?').run(ctx.at.toISOString(), r.id);
  afterChange(ctx, r.id);
  ctx.audit({ entity: 'attachment', entityId: id, summary: `${r.number} 添加证据 ${p.name}（SHA-256 ${p.stored.sha256.slice(0, 12)}…）${outside ? '，拍摄时间不在检查期间' : ''}` });
  return { attachmentId: id, takenAt: p.takenAt, outsideWindow: outside };
}

const PREVIEW_LIMIT = 8 * 1024 * 1024;

/** An image as a data: URL for the page (CSP allows data: images), plus a download of the original. */
export function preview(ctx: HandlerCtx, attachmentId: number): { dataUrl: string | null; downloadId: string } {
  const a = ctx.db.prepare('SELECT sha256, name, media_type, bytes FROM attachments WHERE id = ?').get(attachmentId) as
    | { sha256: string; name: string; media_type: string; bytes: number }
    | undefined;
  if (!a) throw new AppError('NOT_FOUND', '找不到该证据');
  const bytes = ctx.files.read(a.sha256);
  const scratch = ctx.transfers.scratchPath('');
  fs.writeFileSync(scratch, bytes);
  const offer = ctx.transfers.offerDownload(scratch, a.name, a.media_type);
  const image = ['image/jpeg', 'image/png'].includes(a.media_type) && a.bytes <= PREVIEW_LIMIT;
  return { dataUrl: image ? `data:${a.media_type};base64,${bytes.toString('base64')}` : null, downloadId: offer.downloadId };
}
