import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { configure } from '../../db/database';
import { AppError } from '../../errors';
import { generateDemoArchive } from '../../demo/generate';
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
    const total = demo.agencies.length + demo.officers.length + demo.enterprises.length;
    let done = 0;
    const step = (phase: string) => {
      done++;
      if (done % 20 === 0 || done === total) {
        io.checkCancelled();
        io.progress(phase, done, total);
      }
      if (delayMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
    };
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
        `INSERT INTO officers (uuid, agency_id, name, post, phone, cert_no, cert_valid_from, cert_valid_to, kind, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const o of demo.officers) {
        insOfficer.run(uuidv7(), agencyIds.get(o.agencyKey), o.name, o.post, o.phone, o.certNo, o.certValidFrom, o.certValidTo, o.kind, now, now);
        step('写入执法人员');
      }
      const insEnt = db.prepare(
        `INSERT INTO enterprises (uuid, credit_code, name, kind, address, legal_rep, phone, industry, park, grade, whitelist, whitelist_date, whitelist_reason, key_supervision, key_supervision_date, key_supervision_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const day = today.toISOString().slice(0, 10);
      for (const e of demo.enterprises) {
        insEnt.run(
          uuidv7(), e.creditCode, e.name, e.kind, e.address, e.legalRep, e.phone, e.industry, e.park, e.grade,
          e.whitelist ? 1 : 0, e.whitelist ? day : null, e.whitelist ? '信用等级优良，近三年无违法记录' : null,
          e.keySupervision ? 1 : 0, e.keySupervision ? day : null, e.keySupervision ? '信用风险等级较高' : null,
          now, now,
        );
        step('写入经营主体');
      }
    });
    load.immediate();
    return { agencies: demo.agencies.length, officers: demo.officers.length, enterprises: demo.enterprises.length };
  } finally {
    db.close();
  }
};
