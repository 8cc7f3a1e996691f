import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { creditCodeCheckChar } from '../../shared/validation/creditCode';
import { expect, test } from './fixtures';

const SHOTS = path.resolve(__dirname, '../../test-results/screens');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

function code(i: number): string {
  const body = `91430321MA4L${String(i).padStart(5, '0')}`;
  return body + creditCodeCheckChar(body);
}

/** A register as an office would receive it: a title line, then the header, six rows, two of them wrong. */
async function register(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('经营主体名录');
  sheet.addRow(['湘潭县经营主体名录（2025年）']);
  sheet.addRow(['统一社会信用代码', '企业名称', '住所', '法定代表人', '联系电话', '信用等级']);
  sheet.addRow([code(1), '湘潭县易俗河镇鑫盛隆食品有限公司', '湘潭县易俗河镇天易大道1号', '刘德华', '0731-57822315', '绿']);
  sheet.addRow([code(2), '湘潭县花石镇喆喆便利店', '湘潭县花石镇花石街8号', '王菲', '', '蓝色']);
  sheet.addRow([`${code(3).slice(0, 17)}X`, '湘潭县错码商行', '湘潭县射埠镇', '李四', '', '']);
  sheet.addRow([code(4), '湘潭县射埠镇湘莲种植专业合作社', '湘潭县射埠镇湘莲村', '邓丽君', '13812345678', '黄']);
  sheet.addRow([code(5), '湘潭县无住所餐饮店', '', '张三', '', '']);
  sheet.addRow([code(6), '湘潭县茶恩寺镇𠀀记米粉店', '湘潭县茶恩寺镇', '赵𠮷', '', '绿']);
  await book.xlsx.writeFile(file);
}

async function readFirstSheet(file: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out: string[][] = [];
  book.worksheets[0]?.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

test('import an enterprise register with two bad rows, read the report, import the valid rows, export the list', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-import-e2e-'));
  const file = path.join(dir, '经营主体名录.xlsx');
  await register(file);

  await page.goto(server.url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
  await page.getByLabel('确认密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建管理员并登录' }).click();
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await nav.getByRole('menuitem', { name: '企业', exact: true }).click();

  // 选择文件 → the header is found under the title line and the columns are matched by name.
  await page.getByRole('button', { name: '导入' }).click();
  const wizard = page.getByRole('dialog', { name: '导入经营主体' });
  await wizard.locator('input[type=file]').setInputFiles(file);
  await expect(wizard.getByText('第 2 行')).toBeVisible({ timeout: 20_000 });
  await expect(wizard.getByLabel('「统一社会信用代码」对应的列')).toBeVisible();
  const mappingTable = wizard.getByRole('table');
  await expect(mappingTable.getByRole('row').filter({ hasText: /^统一社会信用代码/u })).toContainText('A 列：统一社会信用代码');
  await expect(mappingTable.getByRole('row').filter({ hasText: /^名称/u })).toContainText('B 列：企业名称');
  await expect(mappingTable.getByRole('row').filter({ hasText: /^主体类型/u })).toContainText('（不导入）');
  await shot(page, '30-import-mapping');

  // 预览: six rows, two wrong, each with its row, column and reason.
  await wizard.getByRole('button', { name: '下一步：预览' }).click();
  const stats = wizard.getByRole('group', { name: '预览统计' });
  await expect(stats).toContainText('有错误2', { timeout: 20_000 });
  await expect(stats).toContainText('可导入4');
  const errorList = wizard.getByRole('region', { name: '错误列表' });
  await expect(errorList).toContainText('第 18 位校验码应为');
  await expect(errorList).toContainText('请填写住所');
  await shot(page, '31-import-preview');

  // The error report downloads as .xlsx with 行号, 列, 值, 原因.
  const reportDownload = page.waitForEvent('download');
  await wizard.getByRole('button', { name: '下载错误报告' }).click();
  const report = await reportDownload;
  const reportFile = path.join(dir, report.suggestedFilename());
  await report.saveAs(reportFile);
  expect(report.suggestedFilename()).toMatch(/^经营主体导入错误报告-\d{8}\.xlsx$/u);
  const rows = await readFirstSheet(reportFile);
  expect(rows[0]).toEqual(['行号', '列', '值', '原因']);
  expect(rows.slice(1).map((r) => r[0])).toEqual(['5', '7']);
  expect(rows[1]?.[3]).toMatch(/第 18 位校验码应为“.”，实际为“X”/u);

  // 导入 the valid rows only.
  await wizard.getByRole('button', { name: '下一步', exact: true }).click();
  await expect(wizard.getByRole('radio', { name: /仅导入有效行/u })).toBeChecked();
  await wizard.getByRole('button', { name: '开始导入' }).click();
  const result = wizard.getByRole('group', { name: '导入结果' });
  await expect(result).toContainText('新增4', { timeout: 30_000 });
  await expect(result).toContainText('未导入2');
  await shot(page, '32-import-result');
  await wizard.getByRole('button', { name: '完成' }).click();

  // The four are in the list, every character intact.
  await expect(page.getByTestId('enterprise-count')).toContainText('共 4 条');
  const main = page.getByRole('main');
  await expect(main.getByRole('button', { name: '打开 湘潭县茶恩寺镇𠀀记米粉店' })).toBeVisible();
  await expect(main.getByRole('button', { name: '打开 湘潭县花石镇喆喆便利店' })).toBeVisible();
  await expect(main).not.toContainText('湘潭县错码商行');
  await shot(page, '33-enterprises-after-import');

  // 导出 the list under a filter: only the green ones.
  await page.getByRole('combobox', { name: '信用等级' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^绿/u }).click();
  await expect(page.getByTestId('enterprise-count')).toContainText('共 2 条');
  const exportDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  const exported = await exportDownload;
  const exportFile = path.join(dir, exported.suggestedFilename());
  await exported.saveAs(exportFile);
  expect(exported.suggestedFilename()).toMatch(/^经营主体名录-\d{8}\.xlsx$/u);
  const sheet = await readFirstSheet(exportFile);
  expect(sheet[0]?.slice(0, 4)).toEqual(['统一社会信用代码', '名称', '主体类型', '住所']);
  expect(sheet.slice(1).map((r) => r[1]).sort()).toEqual(['湘潭县易俗河镇鑫盛隆食品有限公司', '湘潭县茶恩寺镇𠀀记米粉店'].sort());
  await expect(page.getByText(/已导出 2 条/u)).toBeVisible();
  await shot(page, '34-enterprises-exported');
  expect(errors).toEqual([]);
});
