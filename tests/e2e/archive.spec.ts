import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addCalendarDays, shanghaiDate } from '../../shared/calendar';
import { code, ITEM } from '../support/registries';
import { expect, startServer, stopServer, test } from './fixtures';

/**
 * The archive journey (issue 6): two inspections closed through the API → 组卷 in the UI →
 * the case file's entries, completeness, cover and index → archive (lock) → a bundle exported
 * with its progress bar and downloaded → imported into a SECOND, empty data directory through
 * its UI (check, then import) → the same case file is there, field for field.
 */

const SHOTS = path.resolve(__dirname, '../../test-results/screens');
const PASSWORD = 'pass-word-123';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Calls a route as whoever the page is logged in as. */
async function api<T = unknown>(page: Page, route: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([route, body]) => {
      const token = sessionStorage.getItem('inspectdesk.token') ?? '';
      const res = await fetch(`/api/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspectdesk-token': token }, body: JSON.stringify(body) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [route, input] as const,
  );
  if (!r.ok) throw new Error(`${route}: ${r.error?.message ?? ''}`);
  return r.value as T;
}

async function firstRun(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码').fill(PASSWORD);
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
}

async function loginUi(page: Page, username: string): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  if (await logout.isVisible()) await logout.click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
}

/** Registry and two closed inspections with their documents, through the API. */
async function closeTwoInspections(page: Page): Promise<void> {
  for (const role of ['head', 'officer', 'clerk', 'archivist']) await api(page, 'users.create', { username: role, displayName: `${role === 'archivist' ? '档案员' : role}李`, role, password: PASSWORD });
  const agency = await api<{ id: number }>(page, 'agencies.create', { name: '湘潭县市场监督管理局', shortName: '湘县市监', level: '县', head: '周建国', phone: '0731-57822315' });
  const today = shanghaiDate(new Date());
  const officer = (name: string, cert: string) =>
    api<{ id: number }>(page, 'officers.create', { agencyId: agency.id, name, post: '食品安全监管股股长', phone: '0731-57221234', certNo: cert, certValidFrom: '2020-01-01', certValidTo: addCalendarDays(today, 900) });
  const o1 = await officer('周建国', '43030021000');
  const o2 = await officer('谭志勇', '43030021037');
  const ent = await api<{ id: number }>(page, 'enterprises.create', { creditCode: code(77), name: '湘潭湘莲食品有限公司', kind: '企业', address: '湖南省湘潭市湘潭县易俗河镇天易大道77号' });
  const item = await api<{ id: number; version: number }>(page, 'items.create', { agencyId: agency.id, ...ITEM });
  await api(page, 'items.publish', { id: item.id, version: item.version });
  await api(page, 'archiveSettings.set', { fondsNo: 'J012', fondsName: '湘潭县市场监督管理局', catalogNo: String(today.slice(0, 4)), category: '行政检查', retention: { no_problem: '10y', rectification: '30y', transfer: '30y', penalty: 'permanent' } });

  const as = async <T>(user: string, route: string, input: unknown): Promise<T> => {
    await api(page, 'auth.login', { username: user, password: PASSWORD });
    return api<T>(page, route, input);
  };
  for (const content of ['食品生产经营条件、进货查验记录', '食品标签标识、贮存条件']) {
    const { id } = await as<{ id: number }>('officer', 'inspections.create', {
      enterpriseId: ent.id,
      agencyId: agency.id,
      kind: 'planned',
      itemIds: [item.id],
      teamOfficerIds: [o1.id, o2.id],
      leaderOfficerId: o1.id,
      plannedDate: today,
      basis: ITEM.basis,
      content,
    });
    const step = async (user: string, payload: unknown) => {
      const d = await as<{ version: number }>(user, 'inspections.get', { id });
      await api(page, 'inspections.step', { id, version: d.version, payload });
    };
    const generate = (kind: string) => as('officer', 'documents.generate', { inspectionId: id, kind });
    await step('head', { action: 'approve', note: '同意' });
    await generate('approvalForm');
    await step('clerk', { action: 'file', filingNo: '潭优备〔2025〕3号' });
    await generate('filingForm');
    await as('officer', 'documents.saveSupplement', { inspectionId: id, supplement: { contactName: '周建国', contactPhone: '0731-57221234' } });
    await step('officer', { action: 'notify' });
    await generate('inspectionNotice');
    await step('officer', { action: 'enter', codeRegistrationNo: `HN-${id}` });
    await step('officer', { action: 'record', findings: '现场检查了原料库和生产车间，未发现问题。', personsPresent: '法定代表人 刘伟' });
    await as('officer', 'documents.saveSupplement', {
      inspectionId: id,
      supplement: { contactName: '周建国', contactPhone: '0731-57221234', startTime: '09:00', endTime: '11:30', recorder: '谭志勇', certificatesShown: true, rightsExplained: true, recusalRequested: false, resultToldOnSite: true, conclusion: '未发现问题' },
    });
    await generate('onSiteRecord');
    await step('clerk', { action: 'feedback', method: '送达检查结果告知书' });
    await generate('resultNotice');
    await step('officer', { action: 'close', outcome: 'no_problem', note: '未发现问题' });
  }
}

/** The case file as the other side should see it, without local ids. */
type CaseFile = { archiveNo: string; filingNo: string; title: string; retention: string; itemsCount: number; pages: number; dateFrom: string; dateTo: string; entries: { seq: number; docNo: string; title: string; date: string; pages: number; pageFrom: number | null; remark: string }[] };
const comparable = (c: CaseFile) => ({ ...c, entries: c.entries.map(({ seq, docNo, title, date, pages, pageFrom, remark }) => ({ seq, docNo, title, date, pages, pageFrom, remark })) });

test('close two inspections → case file with cover and index → export with progress → import into a second, empty archive', async ({ page, server }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await firstRun(page, server.url);
  await closeTwoInspections(page);

  // The archivist makes the case file in the UI (多案一卷).
  await loginUi(page, 'archivist');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('menuitem', { name: '档案', exact: true }).click();
  await page.getByRole('tab', { name: '组卷' }).click();
  const rows = page.getByRole('row').filter({ hasText: '湘潭湘莲食品有限公司' });
  await expect(rows).toHaveCount(2);
  for (const checkbox of await page.getByRole('checkbox', { name: /^选择 / }).all()) await checkbox.check();
  await shot(page, 'a01-make-case-file');
  await page.getByRole('button', { name: '组卷（2 件）' }).click();

  // The case file: entries in filing order with page ranges, completeness, cover fields.
  const entries = page.getByRole('table', { name: '卷内文件' });
  await expect(entries).toContainText('行政检查审批表');
  await expect(entries.getByRole('row')).toHaveCount(11); // heading + 2 × 5 documents
  await expect(page.getByRole('region', { name: '完整性检查' })).toContainText('扫码入企登记（行政检查码）');
  await expect(page.getByText('完整性检查（齐全）')).toBeVisible();
  await shot(page, 'a02-case-file-draft');

  // Archive it: the 档号 appears and it is locked.
  await page.getByRole('button', { name: '归档（锁定）' }).click();
  const year = shanghaiDate(new Date()).slice(0, 4);
  await expect(page.getByText(`档号 J012-${year}-0001`, { exact: true })).toBeVisible();
  await expect(page.getByText('已锁定', { exact: true })).toBeVisible();
  await shot(page, 'a03-case-file-archived');

  // The cover and the index, downloaded as .docx and rendered by LibreOffice for a person to look at.
  const coverDl = page.waitForEvent('download');
  await page.getByRole('button', { name: '案卷封面' }).click();
  const cover = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-')), '封面.docx');
  await (await coverDl).saveAs(cover);
  const indexDl = page.waitForEvent('download');
  await page.getByRole('button', { name: '卷内文件目录' }).click();
  const index = path.join(path.dirname(cover), '目录.docx');
  await (await indexDl).saveAs(index);
  expect(fs.statSync(cover).size).toBeGreaterThan(3000);
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0) {
    const dir = path.dirname(cover);
    spawnSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, cover, index], { timeout: 120_000, env: { ...process.env, HOME: dir, FONTCONFIG_FILE: path.resolve(__dirname, '../fixtures/documents/fonts.conf') } });
    fs.mkdirSync(SHOTS, { recursive: true });
    spawnSync('pdftoppm', ['-png', '-r', '70', '-singlefile', path.join(dir, '封面.pdf'), path.join(SHOTS, 'a04-cover')]);
    spawnSync('pdftoppm', ['-png', '-r', '70', '-singlefile', path.join(dir, '目录.pdf'), path.join(SHOTS, 'a05-index')]);
    expect(fs.existsSync(path.join(SHOTS, 'a04-cover.png'))).toBe(true);
  }

  // Search finds it by a part of the enterprise's name.
  await nav.getByRole('menuitem', { name: '档案', exact: true }).click();
  await page.getByRole('tab', { name: '档案检索' }).click();
  await page.getByLabel('检索内容').fill('湘莲');
  await page.getByLabel('检索内容').press('Enter');
  await expect(page.getByRole('list', { name: '检索结果' }).or(page.getByLabel('检索结果'))).toContainText(`J012-${year}-0001`);
  await shot(page, 'a06-search');

  // Export the case file as a bundle: the progress bar, then the download.
  await nav.getByRole('menuitem', { name: '数据交换', exact: true }).click();
  await page.getByText('选定案卷').click();
  await page.getByRole('combobox', { name: '案卷' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `J012-${year}-0001` }).click();
  await page.getByRole('combobox', { name: '案卷' }).press('Escape');
  const bundleDl = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出数据包' }).click();
  const bar = page.getByRole('progressbar', { name: '导出数据包进度' });
  await expect(bar).toBeVisible();
  const bundleFile = path.join(path.dirname(cover), 'bundle.zip');
  const download = await bundleDl;
  expect(download.suggestedFilename()).toMatch(/^InspectDesk-数据包-\d{8}-\d{6}\.zip$/u);
  await download.saveAs(bundleFile);
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText(/已导出 InspectDesk-数据包-.*2 件检查、1 个案卷/u)).toBeVisible();
  await shot(page, 'a07-export');
  const sent = await api<CaseFile>(page, 'caseFiles.get', { id: (await api<{ rows: { id: number }[] }>(page, 'caseFiles.list', {})).rows[0]?.id });

  // A second, empty archive on another data directory imports it through its UI.
  const other = await startServer();
  const page2 = await page.context().newPage();
  try {
    await firstRun(page2, other.url);
    await api(page2, 'users.create', { username: 'archivist', displayName: '档案员赵', role: 'archivist', password: PASSWORD });
    await loginUi(page2, 'archivist');
    await page2.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '数据交换', exact: true }).click();
    await page2.getByRole('tab', { name: '导入数据包' }).click();
    await page2.locator('input[type=file]').setInputFiles(bundleFile);
    const check = page2.getByRole('region', { name: '校验报告' });
    await expect(check).toBeVisible({ timeout: 30_000 });
    await expect(page2.getByText(/校验通过：结构、清单和每个文件的 SHA-256 均无误/u)).toBeVisible();
    await shot(page2, 'a08-import-check');
    await page2.getByRole('button', { name: '确认导入' }).click();
    const result = page2.getByRole('region', { name: '导入结果' });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(page2.getByText(/导入完成：新增 \d+，更新 0，跳过 0，冲突 0/u)).toBeVisible();
    await shot(page2, 'a09-import-result');

    // The case file is there, identical.
    await page2.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '档案', exact: true }).click();
    await page2.getByRole('link', { name: sent.title }).click();
    await expect(page2.getByText(`档号 J012-${year}-0001`, { exact: true })).toBeVisible();
    await expect(page2.getByRole('table', { name: '卷内文件' }).getByRole('row')).toHaveCount(11);
    await shot(page2, 'a10-imported-case-file');
    const got = await api<CaseFile>(page2, 'caseFiles.get', { id: (await api<{ rows: { id: number }[] }>(page2, 'caseFiles.list', {})).rows[0]?.id });
    expect(comparable(got)).toMatchObject(comparable(sent));
    const exchange = page2.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '数据交换', exact: true });

    // The fixity check there: every imported file re-hashed, logged.
    await exchange.click();
    await page2.getByRole('tab', { name: '档案文件校验' }).click();
    await page2.getByRole('button', { name: '开始校验' }).click();
    await expect(page2.getByRole('cell', { name: '全部完好' })).toBeVisible({ timeout: 20_000 });
    await shot(page2, 'a11-fixity');

    // A whole-archive backup to a folder typed by the user.
    await page2.getByRole('tab', { name: '整库备份' }).click();
    await page2.getByLabel('备份文件夹').first().fill(fs.mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-backup-')));
    await page2.getByRole('button', { name: '整库备份', exact: true }).click();
    await expect(page2.getByText(/备份完成：.*InspectDesk-整库备份-/u)).toBeVisible({ timeout: 30_000 });
    await shot(page2, 'a12-backup');

    // Both offices change the enterprise's phone: the next import shows the conflict side by side.
    const entIdOf = async (p: Page) => (await api<{ rows: { id: number }[] }>(p, 'enterprises.search', { q: '湘莲' })).rows[0]?.id ?? 0;
    const edit = async (p: Page, user: string, phone: string) => {
      await api(p, 'auth.login', { username: user, password: PASSWORD });
      const e = await api<{ id: number; version: number; creditCode: string; name: string; kind: string; address: string }>(p, 'enterprises.get', { id: await entIdOf(p) });
      await api(p, 'enterprises.update', { id: e.id, version: e.version, creditCode: e.creditCode, name: e.name, kind: e.kind, address: e.address, phone });
      await api(p, 'auth.login', { username: 'archivist', password: PASSWORD });
    };
    await edit(page, 'clerk', '0731-11111111');
    await edit(page2, 'admin', '0731-22222222');
    const again = await api<{ jobId: string }>(page, 'bundles.export', { from: '2000-01-01', to: '2999-12-31' });
    await expect.poll(async () => (await api<{ status: string }>(page, 'jobs.get', { id: again.jobId })).status, { timeout: 20_000 }).toBe('done');
    const job = await api<{ result: { downloadId: string } }>(page, 'jobs.get', { id: again.jobId });
    const bytes = await page.evaluate(async (id) => {
      const res = await fetch(`/api/files/download/${id}`, { headers: { 'x-inspectdesk-token': sessionStorage.getItem('inspectdesk.token') ?? '' } });
      return [...new Uint8Array(await res.arrayBuffer())];
    }, job.result.downloadId);
    const second = path.join(path.dirname(cover), '第二次.zip');
    fs.writeFileSync(second, Buffer.from(bytes));
    await exchange.click();
    await page2.getByRole('tab', { name: '导入数据包' }).click();
    await page2.locator('input[type=file]').setInputFiles(second);
    await page2.getByRole('button', { name: '确认导入' }).click({ timeout: 30_000 });
    await expect(page2.getByText(/导入完成：.*冲突 1/u)).toBeVisible({ timeout: 30_000 });
    await page2.getByRole('button', { name: '处理冲突' }).click();
    const conflict = page2.getByRole('row').filter({ hasText: '湘潭湘莲食品有限公司' });
    await conflict.getByRole('button', { name: /展开/u }).click();
    const compare = page2.getByRole('table', { name: '本地与导入版本对照' });
    await expect(compare).toContainText('0731-22222222');
    await expect(compare).toContainText('0731-11111111');
    await shot(page2, 'a13-conflict');
    await conflict.getByRole('button', { name: '采用导入' }).click();
    await expect(page2.getByText('没有待处理的冲突')).toBeVisible();
    expect((await api<{ phone: string }>(page2, 'enterprises.get', { id: await entIdOf(page2) })).phone).toBe('0731-11111111');
  } finally {
    await page2.close();
    await stopServer(other);
  }
  expect(errors).toEqual([]);
});
