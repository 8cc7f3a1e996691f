import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = path.resolve(__dirname, '../../test-results/screens');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const AREAS = ['工作台', '检查', '企业', '执法人员', '检查主体', '事项清单', '计划与抽查', '文书', '档案', '数据交换', '统计', '设置'];

test('first run → admin → login → demo archive with progress → navigate → backup → log out', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);

  // First run: create the administrator (a mismatched confirmation is caught first).
  await expect(page.getByText('首次运行：创建管理员账号')).toBeVisible();
  await shot(page, '01-setup');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('确认密码').fill('admin-pass-2');
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await page.getByLabel('确认密码').fill('admin-pass-1');
  await page.getByLabel('确认密码').press('Enter');

  // The shell with every area, in Chinese.
  const nav = page.getByRole('navigation', { name: '主菜单' });
  for (const area of AREAS) await expect(nav.getByRole('menuitem', { name: area, exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: '当前用户' })).toContainText('王管理');

  // Log out and back in; a wrong password gives a clear error.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await shot(page, '02-login-error');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(nav).toBeVisible();

  // Load the demo archive and watch its progress bar.
  await page.getByRole('button', { name: '加载演示档案' }).click();
  const bar = page.getByRole('progressbar', { name: '加载演示档案进度' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await shot(page, '03-demo-progress');
  await expect(page.getByText('演示档案已加载')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).toContainText('360');
  await shot(page, '04-dashboard');

  // Navigate the registries.
  await nav.getByRole('menuitem', { name: '企业', exact: true }).click();
  // The enterprise list is a virtual table: its body rows sit outside the header's <table>.
  await expect(page.getByRole('row').filter({ hasText: '湘潭' }).first()).toBeVisible();
  await expect(page.getByRole('main')).toContainText('共 360 条');
  await shot(page, '05-enterprises');
  await nav.getByRole('menuitem', { name: '执法人员', exact: true }).click();
  await expect(page.getByRole('table')).toContainText('30天内到期');
  await expect(page.getByRole('table')).toContainText('已过期');
  await expect(page.getByRole('table')).toContainText('不得参加检查');
  await shot(page, '06-officers');
  await nav.getByRole('menuitem', { name: '检查主体', exact: true }).click();
  await expect(page.getByRole('table')).toContainText('湘潭县市场监督管理局');
  // 统计 is the one area still to come: it says so rather than showing invented figures.
  await nav.getByRole('menuitem', { name: '统计', exact: true }).click();
  await expect(page.getByText('该功能将在后续版本中提供')).toBeVisible();

  // Settings: versions, then a backup with its progress bar.
  await nav.getByRole('menuitem', { name: '设置', exact: true }).click();
  await expect(page.getByRole('main')).toContainText(server.dataDir);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('tabpanel', { name: '系统信息' }).getByText(/备份完成：inspectdesk-\d{8}-\d{6}(-\d+)?\.db/u)).toBeVisible({ timeout: 30_000 });
  const backups = fs.readdirSync(path.join(server.dataDir, 'backups')).filter((n) => n.endsWith('.db'));
  expect(backups).toHaveLength(1);
  await shot(page, '07-settings-backup');

  // The audit log verifies.
  await page.getByRole('tab', { name: '审计日志' }).click();
  await page.getByRole('button', { name: '校验审计日志' }).click();
  await expect(page.getByText(/审计日志完整：共 \d+ 条/u)).toBeVisible();
  await shot(page, '08-audit');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('users: the admin adds a clerk, who cannot see administration', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('确认密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('menuitem', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新增用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('clerk1');
  await dialog.getByLabel('姓名').fill('李内勤');
  await dialog.getByLabel('角色').click();
  // antd renders its own visible option list beside the hidden accessible one.
  await page.locator('.ant-select-item-option').filter({ hasText: /^内勤$/u }).click();
  await dialog.getByLabel('初始密码', { exact: true }).fill('clerk-pass-1');
  await dialog.getByLabel('确认初始密码').fill('clerk-pass-1');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('table')).toContainText('clerk1');
  await shot(page, '09-users');

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill('clerk1');
  await page.getByLabel('密码', { exact: true }).fill('clerk-pass-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('group', { name: '当前用户' })).toContainText('内勤');
  await nav.getByRole('menuitem', { name: '设置', exact: true }).click();
  await expect(page.getByRole('tab', { name: '用户管理' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '立即备份' })).toHaveCount(0);
  // The server refuses even if the UI is bypassed.
  const r = await page.evaluate(async () => {
    const token = sessionStorage.getItem('inspectdesk.token') ?? '';
    const res = await fetch('/api/users.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-inspectdesk-token': token }, body: '{}' });
    return (await res.json()) as { ok: boolean; error?: { code: string } };
  });
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
