import Database from 'better-sqlite3';
import { createApp, type App } from '../../electron/app';
import { reindexMissing } from '../../electron/services/enterpriseIndex';
import type { Input, Output, RouteName } from '../../shared/api';
import { ADMIN, ok, tempDir, WORKER_JS } from '../support/app';
import { draft, seedWorld, staff, type World } from '../support/inspections';
import { jpegWithExif } from '../support/jpeg';

/**
 * The archive tests' world: an app with its own clock, the staff of every role (head,
 * officer, clerk, archivist on sessions named after the role), the small registry of
 * tests/support/inspections.ts, and closed inspections with their real documents (made by
 * the documents service) and a photo.
 */

export interface ArchiveWorld {
  a: App;
  w: World;
  clock: { now: Date };
}

export async function archiveWorld(dataDir = tempDir('inspectdesk-archive-'), start = '2025-09-26T02:00:00Z'): Promise<ArchiveWorld> {
  const clock = { now: new Date(start) };
  const a = createApp({ dataDir, mode: 'browser', appVersion: 't', workerFile: WORKER_JS, now: () => clock.now });
  await ok(a, 'auth.setup', ADMIN);
  await staff(a);
  await ok(a, 'users.create', { username: 'archivist', displayName: '档案员李', role: 'archivist', password: 'archivist-pass-1' });
  await ok(a, 'auth.login', { username: 'archivist', password: 'archivist-pass-1' }, 'archivist');
  await ok(a, 'users.create', { username: 'archivist2', displayName: '档案员王', role: 'archivist', password: 'archivist-pass-2' });
  await ok(a, 'auth.login', { username: 'archivist2', password: 'archivist-pass-2' }, 'archivist2');
  const w = seedWorld(a);
  sql(a, (db) => {
    db.prepare("UPDATE officers SET post = '食品安全监管股股长', phone = '0731-57221234' WHERE id = ?").run(w.officers.valid1);
    db.prepare('UPDATE agencies SET is_own = 1 WHERE id = ?').run(w.agencyId);
    // seedWorld writes with plain SQL after start-up: index its enterprise as the app would.
    reindexMissing(db);
  });
  await ok(a, 'archiveSettings.set', { fondsNo: 'J012', fondsName: '湘潭县市场监督管理局', catalogNo: '2025', category: '行政检查', retention: { no_problem: '10y', rectification: '30y', transfer: '30y', penalty: 'permanent' } }, 'archivist');
  return { a, w, clock };
}

export function sql<T>(a: App, fn: (db: Database.Database) => T): T {
  const db = new Database(a.dbPath);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function fail(a: App, route: RouteName, input: unknown, session: string) {
  const r = await a.dispatch(route, input, { sessionKey: session });
  if (r.ok) throw new Error(`${route} unexpectedly succeeded`);
  return r.error;
}

export async function as<R extends RouteName>(a: App, session: string, route: R, input: Input<R>): Promise<Output<R>> {
  return ok(a, route, input, session);
}

/** Tries to generate a document; returns whether it was made (the documents service says what is missing otherwise). */
async function tryGenerate(a: App, inspectionId: number, kind: Input<'documents.generate'>['kind']): Promise<boolean> {
  const r = await a.dispatch('documents.generate', { inspectionId, kind }, { sessionKey: 'officer' });
  return r.ok;
}

/**
 * A planned on-site inspection taken to 'closed' with no problem found: approval, filing,
 * notice, code registration, a photo, the record, feedback; the documents of each step are
 * generated on the way. Returns its id and number.
 */
export async function closedInspection(x: ArchiveWorld, over: Partial<Input<'inspections.create'>> = {}, photo = true): Promise<{ id: number; number: string; documents: number }> {
  const { a, w, clock } = x;
  const day = clock.now.toISOString().slice(0, 10);
  const { id, number } = await ok(a, 'inspections.create', draft(w, { plannedDate: day, ...over }), 'officer');
  const ver = async () => (await ok(a, 'inspections.get', { id }, 'officer')).version;
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'approve', note: '同意' } }, 'head');
  await tryGenerate(a, id, 'approvalForm');
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'file', filingNo: '潭优备〔2025〕3号' } }, 'clerk');
  await tryGenerate(a, id, 'filingForm');
  await ok(a, 'documents.saveSupplement', { inspectionId: id, supplement: { contactName: '周建国', contactPhone: '0731-57221234' } }, 'officer');
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'notify' } }, 'officer');
  await tryGenerate(a, id, 'inspectionNotice');
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'enter', codeRegistrationNo: `HN-${number}`, avRecordRef: 'AV-1' } }, 'officer');
  if (photo) {
    const up = a.transfers.saveUploadBytes('现场照片.jpg', jpegWithExif({ taken: `${day.replace(/-/gu, ':')} 10:15:00` }));
    await ok(a, 'inspections.addAttachment', { id, uploadId: up.uploadId, kind: 'photo' }, 'officer');
  }
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'record', findings: '现场检查了原料库和生产车间，未发现问题。', personsPresent: '法定代表人 刘伟' } }, 'officer');
  await ok(
    a,
    'documents.saveSupplement',
    {
      inspectionId: id,
      supplement: { contactName: '周建国', contactPhone: '0731-57221234', startTime: '09:00', endTime: '11:30', recorder: '谭志勇', certificatesShown: true, rightsExplained: true, recusalRequested: false, resultToldOnSite: true, conclusion: '未发现问题' },
    },
    'officer',
  );
  await tryGenerate(a, id, 'onSiteRecord');
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'feedback', method: '送达检查结果告知书' } }, 'clerk');
  await tryGenerate(a, id, 'resultNotice');
  await ok(a, 'inspections.step', { id, version: await ver(), payload: { action: 'close', outcome: 'no_problem', note: '未发现问题' } }, 'officer');
  const documents = sql(a, (db) => db.prepare("SELECT COUNT(*) FROM documents WHERE inspection_id = ? AND status = 'current'").pluck().get(id) as number);
  return { id, number, documents };
}
