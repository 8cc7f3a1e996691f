import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Output } from '../../../shared/api';
import type { HandlerCtx } from '../../api/context';
import type { Db } from '../../db/database';
import { JobCancelled, type TaskIO } from '../../jobs/protocol';

/**
 * Fixity check (DA/T 70-2018: authenticity and integrity of electronic records): every file
 * the database references — evidence, documents, case-file covers/indexes/备考表 of every
 * version — is read again and hashed; a file that is gone or whose bytes no longer match its
 * SHA-256 is reported with the records it belongs to. Each run (finished or cancelled) is
 * recorded in the append-only `fixity_runs` log.
 */

export interface Owner {
  kind: string;
  id: number;
  label: string;
}

/** Every referenced hash with the records that reference it. */
export function referencedFiles(db: Db): Map<string, Owner[]> {
  const out = new Map<string, Owner[]>();
  const add = (sha: string | null, o: Owner) => {
    if (!sha) return;
    const list = out.get(sha);
    if (list) list.push(o);
    else out.set(sha, [o]);
  };
  for (const r of db.prepare('SELECT a.id, a.sha256, a.name, i.number FROM attachments a JOIN inspections i ON i.id = a.inspection_id').iterate() as IterableIterator<{ id: number; sha256: string; name: string; number: string }>) {
    add(r.sha256, { kind: 'attachment', id: r.id, label: `证据“${r.name}”（${r.number}）` });
  }
  for (const r of db.prepare('SELECT d.id, d.sha256, d.file_name, d.number, i.number AS ins FROM documents d LEFT JOIN inspections i ON i.id = d.inspection_id').iterate() as IterableIterator<{ id: number; sha256: string; file_name: string; number: string | null; ins: string | null }>) {
    add(r.sha256, { kind: 'document', id: r.id, label: `文书“${r.file_name}”${r.number ? `（${r.number}）` : ''}${r.ins ? `，检查 ${r.ins}` : ''}` });
  }
  const parts = [
    ['cover_sha256', '案卷封面'],
    ['index_sha256', '卷内文件目录'],
    ['notes_sha256', '卷内备考表'],
  ] as const;
  for (const r of db.prepare('SELECT id, title, archive_no, cover_sha256, index_sha256, notes_sha256 FROM case_files').iterate() as IterableIterator<Record<string, string | number | null>>) {
    for (const [col, name] of parts) add(r[col] as string | null, { kind: 'case_file', id: Number(r.id), label: `${name}（案卷 ${String(r.archive_no ?? r.title)}）` });
  }
  for (const r of db
    .prepare('SELECT c.id, c.title, c.archive_no, v.version, v.cover_sha256, v.index_sha256, v.notes_sha256 FROM case_file_revisions v JOIN case_files c ON c.id = v.case_file_id')
    .iterate() as IterableIterator<Record<string, string | number | null>>) {
    for (const [col, name] of parts) add(r[col] as string | null, { kind: 'case_file', id: Number(r.id), label: `${name}第 ${String(r.version)} 版（案卷 ${String(r.archive_no ?? r.title)}）` });
  }
  return out;
}

/** SHA-256 of a file, reading 1 MiB at a time; `onChunk` may throw (cancel) between chunks. */
export async function hashFile(file: string, onChunk: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      onChunk((chunk as Buffer).length);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest('hex');
}

export interface FixityResult {
  runId: number;
  status: 'ok' | 'problems' | 'cancelled';
  files: number;
  checked: number;
  bytes: number;
  missing: number;
  changed: number;
}

const MAX_LISTED = 1000;

export async function runFixity(db: Db, store: { pathOf(sha: string): string }, io: TaskIO, startedBy: string | null, now: () => Date): Promise<FixityResult> {
  const startedAt = now().toISOString();
  io.progress('读取档案文件清单', 0, 0);
  const refs = db.transaction(() => referencedFiles(db))();
  const sizes = new Map<string, number>();
  for (const sha of refs.keys()) {
    try {
      sizes.set(sha, fs.statSync(store.pathOf(sha)).size);
    } catch {
      sizes.set(sha, 0);
    }
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const problems: { sha256: string; state: 'missing' | 'changed'; records: Owner[] }[] = [];
  let done = 0;
  let checked = 0;
  let missing = 0;
  let changed = 0;
  let cancelled = false;
  io.progress('校验档案文件', 0, total);
  try {
    for (const [sha, owners] of refs) {
      io.checkCancelled();
      const file = store.pathOf(sha);
      let state: 'ok' | 'missing' | 'changed' = 'ok';
      if (!fs.existsSync(file)) state = 'missing';
      else {
        const actual = await hashFile(file, (n) => {
          done += n;
          io.checkCancelled();
          io.progress('校验档案文件', done, total);
        });
        if (actual !== sha) state = 'changed';
      }
      checked++;
      if (state !== 'ok') {
        if (state === 'missing') missing++;
        else changed++;
        if (problems.length < MAX_LISTED) problems.push({ sha256: sha, state, records: owners });
      }
    }
  } catch (e) {
    if (!(e instanceof JobCancelled)) throw e;
    cancelled = true;
  }
  const status = cancelled ? 'cancelled' : missing + changed > 0 ? 'problems' : 'ok';
  const runId = Number(
    db
      .prepare('INSERT INTO fixity_runs (started_at, finished_at, status, files, checked, bytes, missing, changed, report, started_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(startedAt, now().toISOString(), status, refs.size, checked, done, missing, changed, JSON.stringify(problems), startedBy).lastInsertRowid,
  );
  if (cancelled) throw new JobCancelled();
  io.progress('校验档案文件', total, total);
  return { runId, status, files: refs.size, checked, bytes: done, missing, changed };
}

export function listRuns(ctx: HandlerCtx, limit: number): Output<'fixity.runs'> {
  const rows = ctx.db.prepare('SELECT * FROM fixity_runs ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    started_at: string;
    finished_at: string;
    status: 'ok' | 'problems' | 'cancelled';
    files: number;
    checked: number;
    bytes: number;
    missing: number;
    changed: number;
    report: string;
    started_by: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    files: r.files,
    checked: r.checked,
    bytes: r.bytes,
    missing: r.missing,
    changed: r.changed,
    startedBy: r.started_by,
    problems: JSON.parse(r.report) as Output<'fixity.runs'>[number]['problems'],
  }));
}
