import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { generateDemoArchive } from '../../electron/demo/generate';
import { DEMO_INSPECTED_ENTERPRISES } from '../../electron/demo/inspections';
import { addCalendarDays, addWorkingDays, shanghaiDate } from '../../shared/calendar';
import { jpegWithExif } from '../support/jpeg';
import { expect, test } from './fixtures';

const SHOTS = path.resolve(__dirname, '../../test-results/screens');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const PASSWORD = { admin: 'admin-pass-1', head: 'head-pass-123', officer: 'officer-pass-123' };

async function setupWithDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD.admin);
  await page.getByLabel('确认密码').fill(PASSWORD.admin);
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  await page.getByRole('button', { name: '加载演示档案' }).click();
  await expect(page.getByText('演示档案已加载')).toBeVisible({ timeout: 30_000 });
  // Users of the roles the journey needs, through the API as the logged-in administrator.
  for (const [username, role, displayName] of [
    ['head', 'head', '周局长'],
    ['officer', 'officer', '谭执法'],
  ] as const) {
    const r = await page.evaluate(
      async (body) => {
        const token = sessionStorage.getItem('inspectdesk.token') ?? '';
        const res = await fetch('/api/users.create', { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspectdesk-token': token }, body: JSON.stringify(body) });
        return (await res.json()) as { ok: boolean };
      },
      { username, role, displayName, password: PASSWORD[role] },
    );
    expect(r.ok).toBe(true);
  }
}

async function loginAs(page: Page, user: 'head' | 'officer' | 'admin'): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  if (await logout.isVisible()) await logout.click();
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD[user]);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeVisible();
}

/**
 * Types into an antd select and picks the matching option from that select's own dropdown
 * (antd renders a visible option list beside the accessible one; the dropdown holds both).
 */
async function choose(page: Page, field: string, text: string, search = text): Promise<void> {
  const box = page.getByRole('combobox', { name: field });
  if (await box.isEditable()) await box.fill(search);
  else await box.click();
  const id = await box.getAttribute('id');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}_list"]`) });
  await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Opens the drafts one by one until one shows a finding of this rule. */
async function openDraftWith(page: Page, ruleTitle: string): Promise<void> {
  await page.getByRole('radiogroup', { name: '按状态筛选' }).getByText(/^草稿/u).click();
  await expect(page).toHaveURL(/status=draft/u);
  await expect(page.getByRole('table').getByRole('link').first()).toBeVisible();
  for (const link of await page.getByRole('table').getByRole('link').all()) {
    await link.click();
    const panel = page.getByRole('region', { name: '规则检查' });
    await expect(panel).toBeVisible();
    if ((await panel.getByText(ruleTitle).count()) > 0) return;
    await page.goBack();
    await expect(page).toHaveURL(/status=draft/u);
  }
  throw new Error(`no draft with “${ruleTitle}”`);
}

async function step(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('region', { name: '办理' }).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('an inspection from plan to close: rule block, approval, steps, evidence, 工作台 deadline', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const today = shanghaiDate(new Date());
  const demo = generateDemoArchive(new Date());
  const enterprise = demo.enterprises.find((_, i) => i > 100 && !DEMO_INSPECTED_ENTERPRISES.includes(i as never) && demo.enterprises[i]?.kind === '企业');
  if (!enterprise) throw new Error('no enterprise');
  const own = demo.officers.filter((o) => o.agencyKey === 'amr');
  const expired = own.find((o) => o.kind === 'officer' && (o.certValidTo ?? '') < today);
  const [valid1, valid2] = own.filter((o) => o.kind === 'officer' && (o.certValidTo ?? '') > addCalendarDays(today, 60));
  if (!expired || !valid1 || !valid2) throw new Error('demo officers changed');

  await setupWithDemo(page, server.url);
  await loginAs(page, 'officer');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('menuitem', { name: '检查', exact: true }).click();
  await expect(page.getByRole('table')).toContainText('湘县市监检');
  await shot(page, 'i01-list');

  // A new plan whose team includes an officer with an expired certificate.
  await page.getByRole('button', { name: '新建检查' }).click();
  await expect(page.getByRole('combobox', { name: '检查对象' })).toBeFocused();
  await choose(page, '检查对象', enterprise.name);
  await page.getByLabel('计划检查日期').fill(today);
  await page.getByLabel('计划检查日期').press('Tab');
  await choose(page, '检查事项', '食品生产经营检查', '食品');
  await page.getByRole('combobox', { name: '检查事项' }).press('Escape');
  await expect(page.getByLabel('检查依据')).toHaveValue(/食品安全法/u);
  await choose(page, '检查人员', valid1.name);
  await choose(page, '检查人员', expired.name);
  await page.getByRole('combobox', { name: '检查人员' }).press('Escape');

  // The live check names the officer and the basis; saving is refused and keeps what was typed.
  const live = page.getByRole('region', { name: '规则检查（实时）' });
  await expect(live).toContainText(`检查人员“${expired.name}”的执法证`);
  await expect(live).toContainText('依据：湘政办发〔2025〕5号（三）');
  await shot(page, 'i02-form-blocked');
  await page.getByRole('button', { name: '保存为草稿' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '未保存' });
  await expect(alert).toContainText(expired.name);
  await expect(alert).toContainText('湘政办发〔2025〕5号（三）');
  await expect(page.getByLabel('检查依据')).toHaveValue(/食品安全法/u);
  await shot(page, 'i03-save-refused');

  // Fix the team: the expired officer out, another officer in, a leader.
  await page.locator('.ant-select-selection-item').filter({ hasText: expired.name }).locator('.ant-select-selection-item-remove').click();
  await choose(page, '检查人员', valid2.name);
  await page.getByRole('combobox', { name: '检查人员' }).press('Escape');
  await choose(page, '带队人员', valid1.name);
  await expect(live).not.toContainText(expired.name);
  await expect(live.locator('[data-effect="block"]')).toHaveCount(0);
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await expect(page.getByTestId('inspection-status')).toHaveText('草稿');
  const heading = await page.getByRole('heading', { level: 2 }).innerText();
  const number = /湘县市监检〔\d{4}〕\d+号/u.exec(heading)?.[0] ?? '';
  expect(number).not.toBe('');
  const detailUrl = page.url();
  await expect(page.getByRole('region', { name: '办理' })).toContainText('检查方案须由本机关负责人批准');
  await shot(page, 'i04-draft');

  // The head approves.
  await loginAs(page, 'head');
  await page.goto(detailUrl);
  await expect(page.getByTestId('inspection-status')).toHaveText('草稿');
  await step(page, '负责人批准', (d) => d.getByLabel('审批意见').fill('同意'));
  await expect(page.getByTestId('inspection-status')).toHaveText('已批准');

  // The officer files, notifies, enters with the code number.
  await loginAs(page, 'officer');
  await page.goto(detailUrl);
  await step(page, '入企报备', (d) => d.getByLabel('备案编号').fill('潭优备〔2025〕88号'));
  await expect(page.getByTestId('inspection-status')).toHaveText('已报备');
  await step(page, '送达检查通知书');
  await step(page, '进入现场（扫码入企）', async (d) => {
    await d.getByLabel('扫码入企登记号').fill('HN-E2E-0001');
    await d.getByLabel('音像记录编号').fill('AV-E2E-01');
  });
  await expect(page.getByTestId('inspection-status')).toHaveText('现场检查中');

  // Evidence: a photo taken today, and one taken a month ago (flagged).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-photos-'));
  const photo = path.join(dir, '现场照片.jpg');
  fs.writeFileSync(photo, jpegWithExif({ taken: `${today.replaceAll('-', ':')} 10:15:00` }));
  const old = path.join(dir, '旧照片.jpg');
  fs.writeFileSync(old, jpegWithExif({ taken: `${addCalendarDays(today, -30).replaceAll('-', ':')} 09:00:00` }));
  await page.locator('input[type="file"]').setInputFiles(photo);
  const evidence = page.getByRole('table').filter({ hasText: '拍摄时间' });
  await expect(evidence).toContainText('现场照片.jpg');
  await expect(evidence).toContainText(`${today} 10:15:00`);
  await expect(evidence).toContainText('27.85');
  await page.locator('input[type="file"]').setInputFiles(old);
  await expect(evidence.getByRole('row').filter({ hasText: '旧照片.jpg' })).toContainText('拍摄时间不在检查期间');
  await expect(evidence.getByRole('row').filter({ hasText: '现场照片.jpg' })).not.toContainText('拍摄时间不在检查期间');
  await page.getByRole('button', { name: '预览 现场照片.jpg' }).click();
  await expect(page.getByRole('dialog').getByRole('img', { name: '现场照片.jpg' })).toBeVisible();
  await shot(page, 'i05-photo-preview');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await step(page, '制作检查记录', async (d) => {
    await d.getByLabel('检查情况').fill('现场检查了原料库和生产车间，未发现问题。');
    await d.getByLabel('在场人员').fill('法定代表人');
  });
  await expect(page.getByTestId('inspection-status')).toHaveText('已记录');
  const due = addWorkingDays(today, 5).date;
  await expect(page.getByRole('region', { name: '期限' })).toContainText(due);
  await shot(page, 'i06-recorded');

  // The 工作台 shows the feedback deadline: 5 working days after today.
  await nav.getByRole('menuitem', { name: '工作台', exact: true }).click();
  const board = page.getByRole('region', { name: '到期与逾期事项' });
  const row = board.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText(due);
  await expect(row).toContainText('书面反馈检查结果');
  await expect(page.getByRole('region', { name: '预警' })).toContainText('多头');
  await shot(page, 'i07-dashboard');

  // Feedback, then close.
  await row.getByRole('link', { name: number }).click();
  await step(page, '书面反馈结果', async (d) => expect(d.getByLabel('反馈方式')).toHaveValue('送达检查结果告知书'));
  await expect(page.getByTestId('inspection-status')).toHaveText('已反馈');
  await step(page, '办结', (d) => d.getByRole('radio', { name: '未发现问题' }).check());
  await expect(page.getByTestId('inspection-status')).toHaveText('已办结');
  await expect(page.getByRole('region', { name: '办理' })).toContainText('该检查任务已办结');
  await expect(page.getByRole('region', { name: '期限' })).toContainText('已完成');
  await shot(page, 'i08-closed');
  expect(errors).toEqual([]);
});

test('a head decides on a cap warning, merges two drafts; rule settings and the holiday calendar', async ({ page, server }) => {
  await setupWithDemo(page, server.url);
  await loginAs(page, 'head');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('menuitem', { name: '检查', exact: true }).click();
  // The demo's third routine inspection of one enterprise this year.
  await openDraftWith(page, '日常检查年度频次上限');
  const panel = page.getByRole('region', { name: '规则检查' });
  await panel.getByRole('button', { name: '负责人决定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('理由').fill('群众反映强烈，县政府同意增加一次检查');
  await dialog.getByRole('button', { name: '记录决定并放行' }).click();
  await expect(dialog).toContainText('批准文号');
  await dialog.getByLabel('批准文号').fill('湘县政函〔2025〕21号');
  await dialog.getByRole('button', { name: '记录决定并放行' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText('负责人已决定放行');
  await expect(page.getByRole('main')).toContainText('湘县政函〔2025〕21号');
  await shot(page, 'i09-override');

  // 综合查一次: one click merges a draft into the other open inspection of the same enterprise.
  await nav.getByRole('menuitem', { name: '检查', exact: true }).click();
  await openDraftWith(page, '同一主体多项检查合并进行');
  const merged = await page.getByRole('heading', { level: 2 }).innerText();
  await page.getByRole('region', { name: '规则检查' }).getByRole('button', { name: /^合并到检查/u }).click();
  await expect(page.getByRole('heading', { level: 2 })).not.toHaveText(merged);
  await expect(page.getByRole('main')).toContainText('合并检查');
  await expect(page.getByRole('main')).toContainText(`并入 ${merged.replace('检查任务 ', '')}`);
  await expect(page.getByRole('region', { name: '规则检查' })).not.toContainText('同一主体多项检查合并进行');

  // Settings: the office's rule settings and the holiday arrangement with per-line errors.
  await nav.getByRole('menuitem', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '规则设置' }).click();
  await expect(page.getByLabel('日常检查年度上限（次）')).toHaveValue('2');
  await shot(page, 'i10-rules');
  await page.getByRole('tab', { name: '节假日安排' }).click();
  const year = Number(shanghaiDate(new Date()).slice(0, 4)) + 3;
  await page.getByRole('textbox', { name: '粘贴节假日安排' }).fill(`${year}-01-01 休 元旦\n${year}-13-01 休\n${year}-02-07 调`);
  await page.getByRole('button', { name: '导入' }).click();
  const errs = page.getByRole('alert').filter({ hasText: '未导入' });
  await expect(errs).toContainText('第 2 行');
  await expect(errs).toContainText('第 3 行');
  await shot(page, 'i11-calendar-errors');
  await page.getByRole('textbox', { name: '粘贴节假日安排' }).fill(`${year}-01-01 休 元旦\n${year}-02-07 班 春节调休`);
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.getByRole('table').last()).toContainText(`${year}-02-07`);
  await shot(page, 'i12-calendar');
});
