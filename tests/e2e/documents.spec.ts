import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * 文书 in the real UI (browser mode): an inspection's filing form and notice generated and listed
 * with their numbers, previewed (docx-preview) and downloaded; notices for 50 inspections made in
 * one batch with its progress bar and zip; the ledger; the settings tab. The archive comes from
 * the demo and the routes (fetch with the page's token), as a clerk would have it.
 */

const SHOTS = path.resolve(__dirname, '../../test-results/screens');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Calls a route from the page, with its token and session cookie. */
async function api<T>(page: Page, route: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([name, body]) => {
      const token = sessionStorage.getItem('inspectdesk.token') ?? '';
      const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspectdesk-token': token }, body: JSON.stringify(body) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [route, input] as const,
  );
  if (!r.ok) throw new Error(`${route}: ${r.error?.message ?? '?'}`);
  return r.value as T;
}

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

interface Officer {
  id: number;
  agencyId: number;
  canInspect: boolean;
  certValidTo: string | null;
  post: string | null;
  phone: string | null;
}

/** The demo archive, then 1 + 50 inspections of the demo's market-regulation bureau, planned 40 days ahead. */
async function seed(page: Page): Promise<{ main: number; batchDay: string; enterprise: string }> {
  const { jobId } = await api<{ jobId: string }>(page, 'system.loadDemo', {});
  await expect.poll(async () => (await api<{ status: string }>(page, 'jobs.get', { id: jobId })).status, { timeout: 60_000 }).toBe('done');
  const agencies = await api<{ id: number; isOwn: boolean }[]>(page, 'agencies.list', {});
  const agencyId = (agencies.find((a) => a.isOwn) ?? agencies[0])!.id;
  const batchDay = isoDay(40);
  const officers = (await api<Officer[]>(page, 'officers.list', { agencyId })).filter((o) => o.canInspect && o.post && o.phone && (o.certValidTo ?? '') > batchDay);
  const items = (await api<{ id: number; status: string; agencyId: number }[]>(page, 'items.list', { agencyId })).filter((i) => i.status === 'published');
  const enterprises = (await api<{ rows: { id: number; name: string }[] }>(page, 'enterprises.search', { limit: 200 })).rows.slice(100, 151);
  const plan = (enterpriseId: number, plannedDate: string) => ({
    enterpriseId,
    agencyId,
    kind: 'planned',
    itemIds: [items[0]!.id],
    teamOfficerIds: [officers[0]!.id, officers[1]!.id],
    leaderOfficerId: officers[0]!.id,
    plannedDate,
    basis: '《中华人民共和国食品安全法》第八十七条',
    content: '食品生产经营条件、进货查验记录',
  });
  const main = await api<{ id: number }>(page, 'inspections.create', plan(enterprises[0]!.id, isoDay(30)));
  for (const e of enterprises.slice(1, 51)) await api(page, 'inspections.create', plan(e.id, batchDay));
  return { main: main.id, batchDay, enterprise: enterprises[0]!.name };
}

test('文书: generate, list, preview, download; batch of 50 with progress; ledger; settings', async ({ page, server }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('确认密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect(nav).toBeVisible();
  const { main, batchDay, enterprise } = await seed(page);

  // Open the inspection in 文书 → 检查任务文书 by picking it.
  await nav.getByRole('menuitem', { name: '文书', exact: true }).click();
  await page.getByRole('tab', { name: '检查任务文书' }).click();
  await page.getByLabel('选择检查任务').click();
  await page.getByLabel('选择检查任务').fill(enterprise);
  await expect(page.locator('.ant-select-item-option').filter({ hasText: enterprise })).toBeVisible();
  await page.getByLabel('选择检查任务').press('Enter');
  await expect(page).toHaveURL(new RegExp(`inspection=${main}`, 'u'));
  const panel = page.getByRole('region', { name: '文书' });
  await expect(panel.getByText('行政检查通知书').first()).toBeVisible();
  // What the on-site record still lacks is listed instead of a usable button.
  await expect(panel.getByTestId('missing-onSiteRecord')).toContainText('缺少：检查开始时间');
  await expect(panel.getByRole('button', { name: '生成现场检查笔录' })).toBeDisabled();

  await panel.getByRole('button', { name: '生成湘潭市涉企行政执法检查备案表' }).click();
  await expect(page.getByText(/已生成《湘潭市涉企行政执法检查备案表》，文号 .+检备〔\d{4}〕1号/u)).toBeVisible();
  await panel.getByRole('button', { name: '生成行政检查通知书' }).click();
  await expect(page.getByText(/已生成《行政检查通知书》，文号 .+检通〔\d{4}〕1号/u)).toBeVisible();
  const table = panel.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: /检通〔\d{4}〕1号/u })).toContainText('现行');
  await expect(table.getByRole('row').filter({ hasText: /检备〔\d{4}〕1号/u })).toContainText('湘潭市涉企行政执法检查备案表');
  await shot(page, 'documents-01-panel');

  // What the record lacks is filled in the supplement; the list shrinks to what the steps must give.
  await panel.getByRole('button', { name: '补充文书信息' }).click();
  const drawer = page.getByRole('dialog', { name: '补充文书信息' });
  await drawer.getByRole('radiogroup', { name: '是否出示执法证件' }).getByText('是').click();
  await drawer.getByLabel('检查开始时刻').fill('09:30');
  await shot(page, 'documents-01b-supplement');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存文书补充信息')).toBeVisible();
  await expect(panel.getByTestId('missing-onSiteRecord')).not.toContainText('是否出示执法证件');
  // The start is still missing: a time was given, but the inspection has not begun (no date yet).
  await expect(panel.getByTestId('missing-onSiteRecord')).toContainText('检查开始时间');

  // Regenerate the notice: a new number, the old one kept as 已作废.
  await panel.getByRole('button', { name: '重新生成行政检查通知书' }).click();
  await page.getByRole('button', { name: '重新生成', exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: /检通〔\d{4}〕2号/u })).toContainText('现行');
  await expect(table.getByRole('row').filter({ hasText: /检通〔\d{4}〕1号/u })).toContainText('已作废');

  // Preview with docx-preview, then download from the preview.
  const number = (await table.getByRole('row').filter({ hasText: /检通〔\d{4}〕2号/u }).getByRole('cell').first().innerText()).trim();
  await table.getByRole('button', { name: `预览 ${number}` }).click();
  const dialog = page.getByRole('dialog', { name: `预览：行政检查通知书（${number}）` });
  const rendered = dialog.getByTestId('docx-preview');
  await expect(rendered.locator('section.docx').first()).toBeVisible({ timeout: 30_000 });
  await expect(rendered).toContainText(number);
  await expect(rendered).toContainText('本年度本机关对你单位第');
  await expect(rendered.locator('img').first()).toBeVisible(); // the QR code
  await shot(page, 'documents-02-preview');
  // 打印: the pages alone, one sheet each (print dialog stubbed; print media emulated).
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await dialog.getByRole('button', { name: '打印' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#inspectdesk-print-root section.docx').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeHidden();
  await page.screenshot({ path: path.join(SHOTS, 'documents-02b-print.png') });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(page.locator('#inspectdesk-print-root')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载' }).click()]);
  expect(download.suggestedFilename()).toBe(`${number}-行政检查通知书-${enterprise}.docx`);
  expect(fs.statSync(await download.path()).size).toBeGreaterThan(5000);
  await dialog.getByRole('button', { name: '关闭' }).last().click();

  // Batch: notices for the 50 inspections planned on one day.
  await page.getByRole('tab', { name: '批量生成' }).click();
  const batch = page.getByRole('region', { name: '批量生成文书' });
  await batch.getByLabel('检查日期自').fill(batchDay);
  await batch.getByLabel('检查日期自').press('Enter');
  await batch.getByLabel('至', { exact: true }).fill(batchDay);
  await batch.getByLabel('至', { exact: true }).press('Enter');
  await batch.getByRole('button', { name: '查询检查任务' }).click();
  await expect(batch.getByText('共 50 个检查任务，已选 50 个')).toBeVisible();
  await shot(page, 'documents-03-batch-selected');
  await batch.getByRole('button', { name: '批量生成《行政检查通知书》（50 份）' }).click();
  const bar = page.getByRole('progressbar', { name: '批量生成文书进度' });
  await expect(bar).toBeVisible();
  await expect(batch.getByText(/已生成 50 份《行政检查通知书》（文号 .+检通〔\d{4}〕3号 至 .+检通〔\d{4}〕52号）/u)).toBeVisible({ timeout: 60_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await shot(page, 'documents-04-batch-done');
  const [zip] = await Promise.all([page.waitForEvent('download'), batch.getByRole('button', { name: '下载压缩包' }).click()]);
  expect(zip.suggestedFilename()).toMatch(/^行政检查通知书-批量-\d{4}-\d{2}-\d{2}-50份\.zip$/u);

  // The ledger, and the recent list showing all of it.
  await page.getByRole('tab', { name: '登记表' }).click();
  const [ledger] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出登记表' }).click()]);
  expect(ledger.suggestedFilename()).toMatch(/^行政检查登记表-\d{4}-01-01至\d{4}-\d{2}-\d{2}\.xlsx$/u);
  await page.getByRole('tab', { name: '最近文书' }).click();
  await expect(page.getByRole('main')).toContainText('行政检查登记表');
  await shot(page, 'documents-05-recent');

  // Settings → 文书设置 (admin): patterns and the counters in use.
  await nav.getByRole('menuitem', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '文书设置' }).click();
  const settings = page.getByRole('tabpanel', { name: '文书设置' });
  await expect(settings.getByLabel('行政检查通知书', { exact: true })).toHaveValue('{abbr}检通〔{year}〕{n}号');
  await expect(settings.getByRole('row').filter({ hasText: '行政检查通知书' })).toContainText('52');
  await shot(page, 'documents-06-settings');
  expect(errors).toEqual([]);
});
