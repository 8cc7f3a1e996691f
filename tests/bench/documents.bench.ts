import Database from 'better-sqlite3';
import Docxtemplater from 'docxtemplater';
import { Packer } from 'docx';
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { createApp, type App } from '../../electron/app';
import { inspectionNotice } from '../../electron/documents/kinds/inspectionNotice';
import { qrPayload, qrPng } from '../../electron/documents/qr';
import { PACKAGE_OVERRIDES } from '../../electron/documents/styles';
import { loadInspection, loadOffice } from '../../electron/services/documents/context';
import { mapDocument } from '../../electron/services/documents/mapper';
import { checkData } from '../../electron/services/documents/render';
import type { DocumentData } from '../../shared/schemas/documents';
import type { BatchResult } from '../../shared/api/documents';
import { ok, tempDir } from '../support/app';
import { seedWorld } from '../support/inspections';
import { median, percentile, sample, type Benchmark } from './harness';

const WORKER = path.resolve(__dirname, '../../dist/electron/worker.js');
const BATCH = 1000;
const ROUNDS = 3;
const ENTERPRISES = 200;
const SECRET = 'bench-secret';
const AT = new Date('2025-09-26T02:00:00Z');

/** Peak RSS (MiB) while `fn` runs, sampled every 20 ms (workers share the process). */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = process.hrtime.bigint();
  try {
    const value = await fn();
    return { value, peak: Math.round((Math.max(peak, process.memoryUsage().rss) / 1048576) * 10) / 10, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

/** An archive with 200 enterprises and 1,000 planned inspections with complete data for a notice. */
async function archive(): Promise<{ app: App; ids: number[] }> {
  const app = createApp({ dataDir: tempDir('bench-docs-'), mode: 'browser', appVersion: 'bench', workerFile: WORKER, now: () => AT });
  await ok(app, 'auth.setup', { username: 'bench', displayName: '基准', password: 'bench-pass-1' }, 'bench');
  const w = seedWorld(app);
  const db = new Database(app.dbPath);
  const ids = db.transaction(() => {
    const t = '2025-01-01T00:00:00.000Z';
    db.prepare("UPDATE officers SET post = '股长', phone = '0731-57221234' WHERE id = ?").run(w.officers.valid1);
    const ent = db.prepare("INSERT INTO enterprises (uuid, credit_code, name, kind, address, created_at, updated_at) VALUES (?, ?, ?, '企业', '湘潭县易俗河镇', ?, ?)");
    const ents = [w.enterpriseId];
    for (let e = 1; e < ENTERPRISES; e++) ents.push(Number(ent.run(`e-${e}`, `9143032100BENCH${String(e).padStart(3, '0')}`, `湘潭县基准食品有限公司第${e}分公司`, t, t).lastInsertRowid));
    const ins = db.prepare(
      `INSERT INTO inspections (uuid, number, agency_id, enterprise_id, kind, onsite, basis, content, planned_date, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'planned', 1, '《中华人民共和国食品安全法》第八十七条、第一百一十条', '食品生产经营条件、进货查验记录、生产过程控制', ?, 'approved', ?, ?)`,
    );
    const team = db.prepare('INSERT INTO inspection_team (inspection_id, officer_id, role) VALUES (?, ?, ?)');
    const item = db.prepare('INSERT INTO inspection_items (inspection_id, item_id, item_version) VALUES (?, ?, 1)');
    const out: number[] = [];
    for (let i = 0; i < BATCH; i++) {
      const id = Number(ins.run(`i-${i}`, `湘县市监检〔2025〕${i + 1}号`, w.agencyId, ents[i % ENTERPRISES], `2025-10-${String((i % 28) + 1).padStart(2, '0')}`, t, t).lastInsertRowid);
      team.run(id, w.officers.valid1, 'leader');
      team.run(id, w.officers.valid2, 'member');
      item.run(id, w.items.food);
      item.run(id, w.items.price);
      out.push(id);
    }
    return out;
  })();
  db.close();
  return { app, ids };
}

type Notice = DocumentData<'inspectionNotice'>;

/**
 * The docxtemplater template: the same notice, built by the same builder with the docx library,
 * its values replaced by {placeholders} (dates and the ordinal swapped in the XML, as the
 * builder formats them). The QR picture stays the template's: docxtemplater's free version
 * cannot change images, so the baseline does less work than the app.
 */
async function template(sample: Notice, png: Buffer): Promise<Buffer> {
  const d = {
    ...sample,
    agencyName: '{agencyName}',
    docNumber: '{docNumber}',
    issueDate: '2099-09-09',
    inspectionNo: '{inspectionNo}',
    enterprise: { name: '{enterpriseName}', creditCode: '{creditCode}' },
    basis: '{basis}',
    inspectionDate: '2098-08-08',
    items: ['{itemsText}'],
    content: '{content}',
    team: [
      { name: '{leaderName}', certificateNo: '{leaderCert}' },
      { name: '{memberName}', certificateNo: '{memberCert}' },
    ],
    countThisYear: 777,
    contact: { name: '{contactName}', phone: '{contactPhone}' },
  };
  const docx = await Packer.toBuffer(inspectionNotice(d as Notice, { png, payload: 'template' }), false, PACKAGE_OVERRIDES);
  const zip = new PizZip(docx);
  const xml = zip
    .file('word/document.xml')!
    .asText()
    .replace(/2099年9月9日/gu, '{issueDate}')
    .replace(/2098年8月8日/gu, '{inspectionDate}')
    .replace(/第777次/gu, '第{countThisYear}次');
  zip.file('word/document.xml', xml);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

function fill(tpl: Buffer, n: Notice): Buffer {
  const doc = new Docxtemplater(new PizZip(tpl), { paragraphLoop: true, linebreaks: true });
  doc.render({
    agencyName: n.agencyName,
    docNumber: n.docNumber,
    issueDate: cn(n.issueDate),
    inspectionNo: n.inspectionNo,
    enterpriseName: n.enterprise.name,
    creditCode: n.enterprise.creditCode,
    basis: n.basis,
    inspectionDate: cn(n.inspectionDate),
    itemsText: n.items.join('\n'),
    content: n.content ?? '',
    leaderName: n.team[0]?.name,
    leaderCert: n.team[0]?.certificateNo,
    memberName: n.team[1]?.name,
    memberCert: n.team[1]?.certificateNo,
    countThisYear: n.countThisYear,
    contactName: n.contact.name,
    contactPhone: n.contact.phone,
  });
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * (a) One 行政检查通知书 through the app (documents.generate: dispatch, mapping from the
 *     database, validation, QR, build, pack, store by hash with fsync, register, audit) against
 *     docx's own Packer building the identical Document from data and a QR picture made beforehand.
 * (b) 1,000 notices by the documents.batch job (two threads, stored, zipped, registered) against
 *     docxtemplater filling an equivalent template for the same 1,000, one after another.
 */
export const documentsBench: Benchmark = {
  name: 'documents: one notice vs raw docx; 1,000 by batch vs docxtemplater',
  async run() {
    const { app, ids } = await archive();
    const s = { sessionKey: 'bench' };
    const db = new Database(app.dbPath, { readonly: true });
    const office = loadOffice(db, '2025-09-26');
    const notices = ids.map((id) => {
      const c = checkData('inspectionNotice', mapDocument(db, 'inspectionNotice', loadInspection(db, id), office, { docNumber: `湘县市监检通〔2025〕${id}号`, issueDate: '2025-09-26' }));
      if (!c.ok) throw new Error(`bench data incomplete: ${c.missing.join('、')}`);
      return c.data;
    });
    db.close();
    const first = notices[0]!;
    const png = await qrPng(qrPayload({ inspectionNo: first.inspectionNo, creditCode: first.enterprise.creditCode, date: first.inspectionDate }, SECRET));

    // (a) one document
    const N = 150;
    const raw = await sample(() => Packer.toBuffer(inspectionNotice(first, { png, payload: 'x' }), false, PACKAGE_OVERRIDES), N);
    const target = ids[ids.length - 1]!;
    const viaApp = await sample(async () => {
      const r = await app.dispatch('documents.generate', { inspectionId: target, kind: 'inspectionNotice' }, s);
      if (!r.ok) throw new Error(r.error.message);
    }, N);
    const oneRatio = median(viaApp) / median(raw);

    // (b) 1,000: docxtemplater sequentially and the app's batch job, alternated three times
    // (the machine is shared: alternating keeps a burst of load from favouring either side).
    const tpl = await template(first, png);
    for (let i = 0; i < 20; i++) fill(tpl, notices[i]!);
    const dts: { ms: number; peak: number }[] = [];
    const batches: { ms: number; peak: number; value: BatchResult }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      dts.push(
        await withPeak(async () => {
          let bytes = 0;
          for (const n of notices) bytes += fill(tpl, n).length;
          return bytes;
        }),
      );
      batches.push(
        await withPeak(async () => {
          const { jobId } = await ok(app, 'documents.batch', { inspectionIds: ids, kind: 'inspectionNotice' }, 'bench');
          const job = await app.waitForJob(jobId);
          if (job.status !== 'done') throw new Error(`batch ${job.status}: ${job.error ?? ''}`);
          return job.result as BatchResult;
        }),
      );
    }
    const dt = { ms: median(dts.map((x) => x.ms)), peak: Math.max(...dts.map((x) => x.peak)) };
    const batch = { ms: median(batches.map((x) => x.ms)), peak: Math.max(...batches.map((x) => x.peak)), value: batches[batches.length - 1]!.value };
    await app.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
    const batchRatio = batch.ms / dt.ms;
    return {
      name: this.name,
      ratio: batchRatio,
      target: '单份 ≤ 1.2× 原始 docx；1,000 份批量用时 < docxtemplater 逐份套打',
      pass: oneRatio <= 1.2 && batchRatio < 1 && batch.value.generated === BATCH,
      figures: [
        { name: 'one: raw docx median', value: median(raw), unit: 'ms' },
        { name: 'one: app median', value: median(viaApp), unit: 'ms' },
        { name: 'one: app p95', value: percentile(viaApp, 95), unit: 'ms' },
        { name: 'one: ratio', value: oneRatio, unit: '×' },
        { name: 'batch: docxtemplater wall (median of 3)', value: dt.ms / 1000, unit: 's' },
        { name: 'batch: app job wall (median of 3)', value: batch.ms / 1000, unit: 's' },
        { name: 'batch: app job walls', value: batches.length, unit: batches.map((x) => (x.ms / 1000).toFixed(2)).join(' / ') + ' s' },
        { name: 'batch: docxtemplater walls', value: dts.length, unit: dts.map((x) => (x.ms / 1000).toFixed(2)).join(' / ') + ' s' },
        ...batch.value.builtBy.map((n, i) => ({ name: `batch: built by ${i === 0 ? 'job thread' : `helper ${i}`}`, value: n, unit: 'docs' })),
        { name: 'batch: peak RSS docxtemplater', value: dt.peak, unit: 'MiB' },
        { name: 'batch: peak RSS app job', value: batch.peak, unit: 'MiB' },
      ],
    };
  },
};
