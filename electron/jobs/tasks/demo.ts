import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { configure } from '../../db/database';
import { AppError } from '../../errors';
import { generateDemoArchive } from '../../demo/generate';
import { insertEnterprise } from '../../services/enterprises';
import { insertVersion } from '../../services/items';
import { demoInspectionSpecs, writeDemoInspections } from '../../demo/inspections';
import { shanghaiDate } from '../../../shared/calendar';
import type { Task } from '../protocol';

/**
 * Loads the demo archive in one transaction: a cancel or failure part-way leaves the
 * archive exactly as it was. Refuses when the archive already has registry data.
 */
export const demoTask: Task = (input, io) => {
  const today = typeof input.params.today === 'string' ? new Date(input.params.today) : new Date();
  const delayMs = typeof input.params.rowDelayMs === 'number' ? input.params.rowDelayMs : 0;
  const demo = generateDemoArchive(today);
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
  try {
    const now = new Date().toISOString();
    const officeDay = shanghaiDate(today);
    const total = demo.agencies.length + demo.officers.length + demo.enterprises.length + demo.items.length + demoInspectionSpecs(officeDay).length;
    let done = 0;
    const step = (phase: string) => {
      done++;
      if (done % 20 === 0 || done === total) {
        io.checkCancelled();
        io.progress(phase, done, total);
      }
      if (delayMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
    };
    let inspections = 0;
    const load = db.transaction(() => {
      const existing = db.prepare('SELECT (SELECT COUNT(*) FROM enterprises) + (SELECT COUNT(*) FROM agencies) AS n').get() as { n: number };
      if (existing.n > 0) throw new AppError('CONFLICT', '档案中已有数据，不能加载演示档案（演示档案只能加载到空档案中）');
      const agencyIds = new Map<string, number>();
      const insAgency = db.prepare(
        `INSERT INTO agencies (uuid, name, short_name, level, credit_code, head, phone, complaint_channel, is_own, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const a of demo.agencies) {
        const info = insAgency.run(uuidv7(), a.name, a.shortName, a.level, a.creditCode, a.head, a.phone, a.complaintChannel, a.isOwn ? 1 : 0, now, now);
        agencyIds.set(a.key, Number(info.lastInsertRowid));
        step('写入检查主体');
      }
      const insOfficer = db.prepare(
        `INSERT INTO officers (uuid, agency_id, name, post, phone, cert_no, cert_valid_from, cert_valid_to, kind, auxiliary_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const o of demo.officers) {
        insOfficer.run(uuidv7(), agencyIds.get(o.agencyKey), o.name, o.post, o.phone, o.certNo, o.certValidFrom, o.certValidTo, o.kind, o.auxiliaryType, now, now);
        step('写入执法人员');
      }
      const day = today.toISOString().slice(0, 10);
      for (const e of demo.enterprises) {
        // The service's insert also writes the pinyin key, initials and both search indexes.
        insertEnterprise(
          db,
          {
            ...e,
            whitelistDate: e.whitelist ? day : null,
            whitelistReason: e.whitelist ? '信用等级优良，近三年无违法记录' : null,
            keySupervisionDate: e.keySupervision ? day : null,
            keySupervisionReason: e.keySupervision ? '信用风险等级较高' : null,
          },
          now,
        );
        step('写入经营主体');
      }
      const insItem = db.prepare(
        `INSERT INTO items (uuid, agency_id, code, status, current_version, retired_at, retire_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const own = agencyIds.get('amr');
      for (const item of demo.items) {
        const first = item.versions[0]?.publishedAt ?? now;
        const current = item.status === 'draft' ? 1 : item.versions.filter((v) => v.publishedAt !== null).length;
        const id = Number(insItem.run(uuidv7(), own, item.code, item.status, current, item.retiredAt ?? null, item.retireReason ?? null, first, now).lastInsertRowid);
        item.versions.forEach((v, i) => insertVersion(db, id, i + 1, v.fields, v.publishedAt ?? now, null, v.publishedAt));
        step('写入检查事项清单');
      }
      inspections = writeDemoInspections(db, demo.enterprises.map((e) => e.creditCode), officeDay, () => step('写入检查任务'));
    });
    load.immediate();
    return { agencies: demo.agencies.length, officers: demo.officers.length, enterprises: demo.enterprises.length, items: demo.items.length, inspections };
  } finally {
    db.close();
  }
};
