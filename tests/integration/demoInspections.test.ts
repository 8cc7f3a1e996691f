import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { JobRunner } from '../../electron/jobs/runner';
import { ADMIN, ok, tempDir, testApp, WORKER_JS } from '../support/app';
import { staff } from '../support/inspections';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The demo archive loaded as on `day` (Asia/Shanghai morning), with the app's clock on the same day. */
async function demoOn(day: string): Promise<App> {
  const dir = tempDir();
  const now = new Date(`${day}T02:00:00Z`);
  const a = testApp(dir, () => now);
  app = a;
  await ok(a, 'auth.setup', ADMIN);
  await staff(a);
  const runner = new JobRunner({ dbPath: a.dbPath, dataDir: dir, workerFile: WORKER_JS });
  const job = runner.start('demo.load', '加载演示档案', { today: now.toISOString() }, { userId: 1, username: 'admin' });
  const end = await runner.wait(job.id);
  expect(end.status, end.error ?? '').toBe('done');
  expect(end.result).toMatchObject({ agencies: 3, officers: 12, enterprises: 360, inspections: 22 });
  return a;
}

describe('demo inspections', () => {
  for (const day of ['2025-10-20', '2026-01-02', '2025-10-03']) {
    it(`covers every state, with consistent dates and the 工作台 filled (loaded on ${day})`, async () => {
      const a = await demoOn(day);
      const rows = (await ok(a, 'inspections.list', { limit: 200 }, 'head')).rows;
      expect(rows).toHaveLength(22);
      expect(new Set(rows.map((r) => r.status))).toEqual(
        new Set(['draft', 'approved', 'filed', 'notified', 'onsite', 'recorded', 'fed_back', 'rectification', 'transferred', 'closed']),
      );
      const rules = new Map<string, string[]>();
      for (const r of rows) {
        const d = await ok(a, 'inspections.get', { id: r.id }, 'head');
        // The archive is consistent: nothing forbidden anywhere.
        const blocks = d.findings.filter((f) => f.effect === 'block');
        expect(blocks, `${d.number} ${d.status}: ${blocks.map((b) => b.message).join('；')}`).toEqual([]);
        for (const f of d.findings) rules.set(`${f.effect}:${f.ruleId}`, [...(rules.get(`${f.effect}:${f.ruleId}`) ?? []), d.number]);
        expect(d.events[0]?.action).toBe('create');
      }
      expect(rules.get('warn:cap')).toHaveLength(1);
      expect(rules.get('warn:triggered')).toHaveLength(1);
      expect(rules.get('advise:merge')?.length).toBeGreaterThanOrEqual(2);
      expect(rules.get('advise:joint')?.length).toBeGreaterThanOrEqual(2);
      expect(rules.get('advise:approval')).toHaveLength(1);

      const dash = await ok(a, 'dashboard.get', {}, 'clerk');
      expect(dash.today).toBe(day);
      expect(dash.due.some((x) => x.kind === 'feedback' && x.overdue)).toBe(true);
      expect(dash.due.some((x) => !x.overdue)).toBe(true);
      expect(dash.due.map((x) => x.kind)).toEqual(expect.arrayContaining(['feedback', 'approval', 'rectification']));
      expect(new Set(dash.warnings.map((w) => w.kind))).toEqual(new Set(['multi_agency', 'repeat_item', 'high_frequency']));
      expect(dash.counts.draft).toBe(6);

      // New inspections continue the demo's numbering.
      const numbers = rows.map((r) => r.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    });
  }
});
