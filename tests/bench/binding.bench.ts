import Database from 'better-sqlite3';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { tempDir } from '../support/app';
import { median, percentile, sample, type Benchmark } from './harness';

const WORKER = path.resolve(__dirname, '../../dist/electron/worker.js');

/**
 * The cost of the contract: a page of enterprises through dispatch (session lookup, access
 * check, zod input and output parsing, envelope) against the bare prepared statement it runs.
 */
export const bindingBench: Benchmark = {
  name: 'binding: enterprises.page vs raw statement',
  async run() {
    const app = createApp({ dataDir: tempDir('bench-'), mode: 'browser', appVersion: 'bench', workerFile: WORKER });
    const s = { sessionKey: 'bench' };
    await app.dispatch('auth.setup', { username: 'bench', displayName: '基准', password: 'bench-pass-1' }, s);
    const { value } = (await app.dispatch('system.loadDemo', {}, s)) as { value: { jobId: string } };
    await app.waitForJob(value.jobId);

    const raw = new Database(app.dbPath, { readonly: true });
    const stmt = raw.prepare(
      `SELECT id, credit_code AS creditCode, name, kind, address, legal_rep AS legalRep, industry, grade
       FROM enterprises WHERE id > ? ORDER BY id LIMIT ?`,
    );
    const count = raw.prepare('SELECT COUNT(*) AS n FROM enterprises');
    const N = 2000;
    const base = await sample(() => {
      stmt.all(100, 51);
      count.get();
    }, N);
    const viaApp = await sample(() => app.dispatch('enterprises.page', { afterId: 100, limit: 50 }, s), N);
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
