import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createApp, DB_FILE } from '../../electron/app';
import { openDatabase } from '../../electron/db/database';
import { median, percentile, sample, type Benchmark } from './harness';

const WORKER = path.resolve(__dirname, '../../dist/electron/worker.js');
const CACHE = path.resolve(__dirname, '../../.tmp/bench/inspections-v1');
const ENTERPRISES = 100_000;
const INSPECTIONS = 1_000_000;

/** 100,000 enterprises and 1,000,000 inspections (10 per enterprise over three years), built once. */
function build(dir: string): void {
  if (fs.existsSync(path.join(dir, 'ready'))) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(path.join(dir, DB_FILE));
  const t = '2025-01-01T00:00:00.000Z';
  let u = 0;
  const uuid = () => `b${(++u).toString(16).padStart(31, '0')}`;
  db.transaction(() => {
    const ag = db.prepare('INSERT INTO agencies (uuid, name, short_name, level, is_own, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let a = 1; a <= 5; a++) ag.run(uuid(), `基准单位${a}`, `基${a}`, '县', a === 1 ? 1 : 0, t, t);
    const of = db.prepare('INSERT INTO officers (uuid, agency_id, name, cert_no, cert_valid_from, cert_valid_to, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?)');
    for (let o = 1; o <= 10; o++) of.run(uuid(), `人员${o}`, `CERT${o}`, '2020-01-01', '2035-12-31', t, t);
    const it = db.prepare("INSERT INTO items (uuid, agency_id, code, status, current_version, created_at, updated_at) VALUES (?, 1, ?, 'published', 1, ?, ?)");
    const iv = db.prepare(
      `INSERT INTO item_versions (uuid, item_id, version, name, basis, subject, level, undertaking_unit, target, content, method, frequency, published_at, created_at, updated_at)
       VALUES (?, ?, 1, ?, '依据', '基准单位1', '县', '股室', '企业', '内容', '现场', '每年2次', ?, ?, ?)`,
    );
    for (let i = 1; i <= 8; i++) {
      it.run(uuid(), `B-${i}`, t, t);
      iv.run(uuid(), i, `事项${i}`, t, t, t);
    }
    const en = db.prepare("INSERT INTO enterprises (uuid, credit_code, name, kind, address, name_pinyin, name_initials, created_at, updated_at) VALUES (?, ?, ?, '企业', '地址', 'x', 'x', ?, ?)");
    for (let e = 1; e <= ENTERPRISES; e++) en.run(uuid(), `91430321BENCH${String(e).padStart(5, '0')}`, `基准企业${e}`, t, t);
    const ins = db.prepare(
      `INSERT INTO inspections (uuid, number, agency_id, enterprise_id, kind, onsite, planned_date, actual_start, actual_end, status, approved_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ii = db.prepare('INSERT INTO inspection_items (inspection_id, item_id, item_version) VALUES (?, ?, 1)');
    const dl = db.prepare("INSERT INTO inspection_deadlines (inspection_id, kind, due, provisional, basis) VALUES (?, 'feedback', ?, 0, '湘（十七）')");
    for (let n = 1; n <= INSPECTIONS; n++) {
      const e = ((n * 7919) % ENTERPRISES) + 1;
      const day = new Date(Date.UTC(2024, 0, 1) + ((n * 104729) % (3 * 365)) * 86_400_000).toISOString().slice(0, 10);
      const done = n % 50 !== 0;
      ins.run(uuid(), `基准〔${day.slice(0, 4)}〕${n}号`, (n % 5) + 1, e, n % 4 === 0 ? 'triggered' : 'planned', day, day, day, done ? 'closed' : 'recorded', day, t, t);
      ii.run(n, (n % 8) + 1);
      if (!done) dl.run(n, day);
    }
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.writeFileSync(path.join(dir, 'ready'), 'ok');
}

/**
 * Rules for one new inspection at 1,000,000 inspections: `inspections.check` (facts from the
 * database + all 19 rules) against the bare indexed queries the facts need; and the 工作台.
 */
export const rulesBench: Benchmark = {
  name: 'rules: evaluate one new inspection at 1M inspections',
  async run() {
    const t0 = Date.now();
    build(CACHE);
    const buildSeconds = (Date.now() - t0) / 1000;
    // Work on a copy so the cached database stays pristine.
    const dir = path.join(path.dirname(CACHE), 'inspections-run');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(CACHE, DB_FILE), path.join(dir, DB_FILE));
    const app = createApp({ dataDir: dir, mode: 'browser', appVersion: 'bench', workerFile: WORKER, now: () => new Date('2025-06-15T02:00:00Z') });
    const s = { sessionKey: 'bench' };
    await app.dispatch('auth.setup', { username: 'bench', displayName: '基准', password: 'bench-pass-1' }, s);
    const raw = new Database(path.join(dir, DB_FILE), { readonly: true });
    const history = raw.prepare(
      `SELECT i.id, i.agency_id, a.name, i.kind, i.onsite, COALESCE(i.actual_start, i.planned_date) AS date, i.status
       FROM inspections i JOIN agencies a ON a.id = i.agency_id
       WHERE i.enterprise_id = ? AND i.id <> ? AND i.merged_into IS NULL AND (i.planned_date IS NULL OR i.planned_date >= ?)`,
    );
    let e = 0;
    const next = () => (e = (e % ENTERPRISES) + 1);
    const draft = () => ({ enterpriseId: next(), agencyId: 1, kind: 'planned', itemIds: [1, 2], teamOfficerIds: [1, 2], leaderOfficerId: 1, plannedDate: '2025-06-20' });
    const N = 400;
    const base = await sample(() => history.all(next(), 2 ** 31 - 1, '2024-01-01'), N);
    const viaApp = await sample(async () => {
      const r = await app.dispatch('inspections.check', { draft: draft() }, s);
      if (!r.ok) throw new Error(r.error.message);
    }, N);
    const dash = await sample(async () => {
      const r = await app.dispatch('dashboard.get', { days: 5 }, s);
      if (!r.ok) throw new Error(r.error.message);
    }, 30, 3);
    raw.close();
    await app.close();
    const ratio = median(viaApp) / median(base);
    const p95 = percentile(viaApp, 95);
    return {
      name: this.name,
      ratio,
      target: 'p95 < 10 ms per evaluation (ratio to the bare history query reported)',
      pass: p95 < 10,
      figures: [
        { name: 'database build (cached)', value: buildSeconds, unit: 's' },
        { name: 'bare history query median', value: median(base), unit: 'ms' },
        { name: 'check (all rules) median', value: median(viaApp), unit: 'ms' },
        { name: 'check (all rules) p95', value: p95, unit: 'ms' },
        { name: '工作台 load median', value: median(dash), unit: 'ms' },
        { name: '工作台 load p95', value: percentile(dash, 95), unit: 'ms' },
      ],
    };
  },
};
