import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = path.resolve(__dirname, '../../test-results/screens');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Types a date into an antd date picker; leaving the field commits it (Enter would submit the form). */
async function typeDate(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Tab');
}

/** First run (administrator) and the demo archive, as a new office would start. */
async function setUpWithDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('确认密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  await page.getByRole('button', { name: '加载演示档案' }).click();
  await expect(page.getByText('演示档案已加载')).toBeVisible({ timeout: 30_000 });
}

test('registries: search enterprises, edit one, add an officer, version an item', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await setUpWithDemo(page, server.url);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  const main = page.getByRole('main');

  // Enterprises: the whole register in pinyin order, then a 2- and a 4-character search.
  await nav.getByRole('menuitem', { name: '企业', exact: true }).click();
  const count = page.getByTestId('enterprise-count');
  await expect(count).toContainText('共 360 条');
  await shot(page, '10-enterprises');
  const search = page.getByRole('searchbox', { name: '搜索企业' });
  await search.fill('花石');
  await expect(count).not.toContainText('共 360 条');
  await expect(count).toHaveText(/^共 (\d+) 条/u);
  const twoChar = Number(/共 (\d+) 条/u.exec((await count.textContent()) ?? '')?.[1]);
  expect(twoChar).toBeGreaterThan(0);
  expect(twoChar).toBeLessThan(360);
  await expect(main.getByRole('button', { name: /^打开 .*花石/u }).first()).toBeVisible();
  await shot(page, '11-enterprises-search-2char');
  await search.fill('花石餐饮');
  await expect(count).not.toContainText(`共 ${twoChar} 条`);
  await expect(main.getByRole('button', { name: /^打开 .*花石餐饮/u }).first()).toBeVisible();
  await shot(page, '12-enterprises-search-4char');

  // Edit the first hit: a new legal representative and name, saved and shown in the list.
  await main.getByRole('button', { name: /^打开 / }).first().click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByLabel('名称', { exact: true })).toHaveValue(/花石餐饮/u);
  await drawer.getByLabel('名称', { exact: true }).fill('湘潭花石餐饮管理有限公司（示范店）');
  await drawer.getByLabel('法定代表人（负责人）').fill('周示范');
  await shot(page, '13-enterprise-edit');
  await drawer.getByLabel('法定代表人（负责人）').press('Enter');
  await expect(page.getByText('已保存“湘潭花石餐饮管理有限公司（示范店）”')).toBeVisible();
  await expect(main.getByRole('button', { name: '打开 湘潭花石餐饮管理有限公司（示范店）' })).toBeVisible();
  await expect(main).toContainText('周示范');

  // A duplicate credit code is caught while typing and offers the existing enterprise.
  const existingCode = (await main.getByRole('row').nth(1).getByRole('cell').nth(1).textContent()) ?? '';
  await search.fill('');
  await page.getByRole('button', { name: '新增企业' }).click();
  const create = page.getByRole('dialog');
  const codeField = create.getByLabel('统一社会信用代码');
  await codeField.fill(`${existingCode.slice(0, 5)}O${existingCode.slice(6)}`);
  await expect(create.getByText(/第 6 位字符“O”不是有效字符/u)).toBeVisible();
  await codeField.fill(existingCode);
  await expect(create.getByRole('alert').filter({ hasText: '该统一社会信用代码已登记为' })).toBeVisible();
  await shot(page, '14-enterprise-duplicate');
  await create.getByRole('button', { name: '打开已有主体' }).click();
  await expect(page.getByRole('dialog').getByLabel('名称', { exact: true })).toHaveValue('湘潭花石餐饮管理有限公司（示范店）');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  // Officers: a reversed validity range is refused, a valid one saved and shown as 有效.
  await nav.getByRole('menuitem', { name: '执法人员', exact: true }).click();
  await page.getByRole('button', { name: '新增执法人员' }).click();
  const officer = page.getByRole('dialog');
  await officer.getByLabel('姓名').fill('欧阳测试');
  await officer.getByLabel('职务').fill('一级科员');
  await officer.getByLabel('执法证号').fill('43030099001');
  await typeDate(officer.getByLabel('证件有效期起'), '2026-05-01');
  await typeDate(officer.getByLabel('证件有效期止'), '2021-05-01');
  await officer.getByRole('button', { name: '新增' }).click();
  await expect(officer.getByText('证件有效期截止日期不能早于起始日期')).toBeVisible();
  await shot(page, '15-officer-date-error');
  await typeDate(officer.getByLabel('证件有效期起'), '2024-05-01');
  const to = officer.getByLabel('证件有效期止');
  await to.click();
  await to.fill('2031-04-30');
  await to.press('Enter');
  await expect(page.getByText('已新增 欧阳测试')).toBeVisible();
  const row = main.getByRole('row').filter({ hasText: '欧阳测试' });
  await expect(row).toContainText('有效');
  await expect(row).toContainText('2024-05-01 至 2031-04-30');
  await expect(main.getByRole('table')).toContainText('辅助人员');
  await shot(page, '16-officers');

  // Items: a draft, published as version 1, edited into version 2, published again.
  await nav.getByRole('menuitem', { name: '事项清单', exact: true }).click();
  await expect(main.getByRole('table')).toContainText('价格行为检查');
  await shot(page, '17-items');
  await page.getByRole('button', { name: '新增事项' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('事项名称').fill('网络交易监督检查');
  await form.getByLabel('实施依据').fill('《中华人民共和国电子商务法》第六条；《网络交易监督管理办法》');
  await form.getByLabel('承办机构').fill('网络交易监督管理股');
  await form.getByLabel('检查对象').fill('辖区内网络交易经营者');
  await form.getByLabel('检查内容').fill('主体信息公示、商品或者服务信息、交易规则');
  await form.getByLabel('检查方式').fill('非现场检查（网络巡查）');
  await form.getByLabel('检查频次').fill('双随机抽查');
  await form.getByRole('button', { name: '保存为草稿' }).click();
  const item = main.getByRole('row').filter({ hasText: '网络交易监督检查' });
  await expect(item).toContainText('草稿');
  await item.getByRole('button', { name: '发布 网络交易监督检查' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
  await expect(item).toContainText('已发布 第 1 版');
  await item.getByRole('button', { name: '修改 网络交易监督检查' }).click();
  const edit = page.getByRole('dialog');
  await expect(edit.getByText('保存后生成第 2 版（待发布）')).toBeVisible();
  await edit.getByLabel('检查频次').fill('双随机抽查，比例不低于 3%');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(item).toContainText('第 2 版待发布');
  await item.getByRole('button', { name: '查看 网络交易监督检查' }).click();
  const detail = page.getByRole('dialog');
  const history = detail.getByRole('region', { name: '版本历史' });
  await expect(history).toContainText('第 2 版（待发布）');
  await expect(history).toContainText('第 1 版（现行）');
  await expect(detail.getByRole('region', { name: '事项内容' })).toContainText('双随机抽查，比例不低于 3%');
  await history.getByText('第 1 版（现行）').click();
  await expect(detail.getByRole('region', { name: '事项内容' })).not.toContainText('比例不低于 3%');
  await shot(page, '18-item-versions');
  await detail.getByRole('button', { name: '发布 网络交易监督检查' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
  await expect(history).toContainText('第 2 版（现行）');
  await expect(history).toContainText('第 1 版（已被第 2 版取代）');
  await shot(page, '19-item-v2-published');
  await detail.getByRole('button', { name: '关闭' }).click();
  await expect(item).toContainText('已发布 第 2 版');
  expect(errors).toEqual([]);
});
