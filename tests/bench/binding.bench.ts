import Database from 'better-sqlite3';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { DEFAULT_TUNING, searchEnterprises } from '../../electron/services/enterpriseSearch';
import { tempDir } from '../support/app';
import { median, percentile, sample, type Benchmark } from './harness';

const WORKER = path.resolve(__dirname, '../../dist/electron/worker.js');

/**
 * The cost of the contract: a page of enterprises through dispatch (session lookup, access
 * check, zod input and output parsing, envelope) against the bare prepared statements it runs
 * (a later page of the pinyin-ordered list: one keyset statement, no count).
 */
export const bindingBench: Benchmark = {
  name: 'binding: enterprises.search page vs raw statements',
  async run() {
    const app = createApp({ dataDir: tempDir('bench-'), mode: 'browser', appVersion: 'bench', workerFile: WORKER });
    const s = { sessionKey: 'bench' };
    await app.dispatch('auth.setup', { username: 'bench', displayName: '基准', password: 'bench-pass-1' }, s);
    const { value } = (await app.dispatch('system.loadDemo', {}, s)) as { value: { jobId: string } };
    await app.waitForJob(value.jobId);

    const raw = new Database(app.dbPath, { readonly: true });
    const first = (await app.dispatch('enterprises.search', { limit: 50 }, s)) as { value: { nextCursor: string } };
    const input = { limit: 50, after: first.value.nextCursor };
    const steps: { sql: string; params: unknown[] }[] = [];
    searchEnterprises(raw, { sort: 'pinyin', ...input }, { ...DEFAULT_TUNING, trace: (sql, params) => steps.push({ sql, params }) });
    const stmts = steps.map((x) => ({ st: raw.prepare(x.sql), params: x.params }));
    const N = 2000;
    const base = await sample(() => {
      for (const x of stmts) x.st.all(...x.params);
    }, N);
    const viaApp = await sample(() => app.dispatch('enterprises.search', input, s), N);
    raw.close();
    await app.close();
    const ratio = median(viaApp) / median(base);
    return {
      name: this.name,
      ratio,
      target: '≤ 3.0× the raw statements (median), page of 50 rows',
      pass: ratio <= 3,
      figures: [
        { name: 'raw median', value: median(base), unit: 'ms' },
        { name: 'app median', value: median(viaApp), unit: 'ms' },
        { name: 'app p95', value: percentile(viaApp, 95), unit: 'ms' },
      ],
    };
  },
};
