import Database from 'better-sqlite3';
import type { App } from '../../electron/app';
import type { InspectionDraftInput } from '../../shared/api/inspections';
import { ok } from './app';

/** A small archive written straight into the database: one agency, its officers, an enterprise, published items. */
export interface World {
  agencyId: number;
  otherAgencyId: number;
  officers: { valid1: number; valid2: number; expired: number; auxiliary: number };
  enterpriseId: number;
  items: { food: number; price: number; retired: number };
}

export function seedWorld(app: App): World {
  const db = new Database(app.dbPath);
  const t = '2025-01-01T00:00:00.000Z';
  let n = 0;
  const uuid = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  const agency = (name: string, short: string) =>
    Number(db.prepare('INSERT INTO agencies (uuid, name, short_name, level, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(uuid(), name, short, '县', t, t).lastInsertRowid);
  const agencyId = agency('湘潭县市场监督管理局', '湘县市监');
  const otherAgencyId = agency('湘潭县应急管理局', '湘县应急');
  const officer = (name: string, cert: string | null, to: string | null, kind = 'officer') =>
    Number(
      db
        .prepare('INSERT INTO officers (uuid, agency_id, name, cert_no, cert_valid_from, cert_valid_to, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(uuid(), agencyId, name, cert, cert ? '2020-01-01' : null, to, kind, t, t).lastInsertRowid,
    );
  const officers = {
    valid1: officer('周建国', '43030021000', '2030-12-31'),
    valid2: officer('谭志勇', '43030021037', '2030-12-31'),
    expired: officer('江丽玉', '43030021296', '2024-06-30'),
    auxiliary: officer('赵兰国', null, null, 'auxiliary'),
  };
  const enterpriseId = Number(
    db
      .prepare('INSERT INTO enterprises (uuid, credit_code, name, kind, address, grade, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(uuid(), '91350100M000100Y43', '湘潭湘莲食品有限公司', '企业', '湖南省湘潭市湘潭县易俗河镇天易大道1号', '黄', t, t).lastInsertRowid,
  );
  const item = (code: string, name: string, status: 'published' | 'retired') => {
    const id = Number(
      db
        .prepare('INSERT INTO items (uuid, agency_id, code, status, current_version, retired_at, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)')
        .run(uuid(), agencyId, code, status, status === 'retired' ? t : null, t, t).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO item_versions (uuid, item_id, version, name, basis, subject, level, undertaking_unit, target, content, method, frequency, published_at, created_at, updated_at)
       VALUES (?, ?, 1, ?, '《中华人民共和国食品安全法》第八十七条', '湘潭县市场监督管理局', '县', '食品生产安全监督管理股', '食品生产经营者', '生产经营条件', '现场检查', '每年不超过2次', ?, ?, ?)`,
    ).run(uuid(), id, name, t, t, t);
    return id;
  };
  const items = { food: item('XJ-001', '食品生产经营检查', 'published'), price: item('XJ-002', '价格行为检查', 'published'), retired: item('XJ-009', '已废止事项', 'retired') };
  db.close();
  return { agencyId, otherAgencyId, officers, enterpriseId, items };
}

export function draft(w: World, over: Partial<InspectionDraftInput> = {}): InspectionDraftInput {
  return {
    enterpriseId: w.enterpriseId,
    agencyId: w.agencyId,
    kind: 'planned',
    itemIds: [w.items.food],
    teamOfficerIds: [w.officers.valid1, w.officers.valid2],
    leaderOfficerId: w.officers.valid1,
    plannedDate: '2025-09-26',
    basis: '《中华人民共和国食品安全法》第八十七条',
    content: '食品生产经营条件、进货查验记录',
    ...over,
  };
}

/** Users of each role, logged in on sessions named after the role. */
export async function staff(app: App): Promise<void> {
  for (const role of ['head', 'officer', 'clerk'] as const) {
    await ok(app, 'users.create', { username: role, displayName: `${role}用户`, role, password: `${role}-pass-123` });
    await ok(app, 'auth.login', { username: role, password: `${role}-pass-123` }, role);
  }
}
