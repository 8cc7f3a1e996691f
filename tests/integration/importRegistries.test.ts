import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../electron/app';
import { adminApp, ok, tempDir } from '../support/app';
import { preview, upload, writeXlsx, type Cell } from '../support/sheets';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function withAgencies(): Promise<App> {
  const a = await adminApp();
  await ok(a, 'agencies.create', { name: '湘潭县市场监督管理局', shortName: '湘县市监', level: '县' });
  await ok(a, 'agencies.create', { name: '湘潭县应急管理局', shortName: '湘县应急', level: '县' });
  return a;
}

async function run(a: App, rows: Cell[][], kind: 'officers' | 'items') {
  const file = path.join(tempDir(), `${kind}.xlsx`);
  await writeXlsx(file, rows);
  const uploadId = upload(a, file);
  const p = await preview(a, { uploadId, kind });
  if (!p.preview) throw new Error(String(p.job.error));
  const { jobId } = await ok(a, 'imports.start', { uploadId, kind, mapping: p.preview.mapping, mode: 'validOnly' });
  return { preview: p.preview, job: await a.waitForJob(jobId) };
}

describe('officer import', () => {
  const HEADER = ['所属单位', '姓名', '职务', '执法证号', '发证日期', '有效期至', '人员类别'];

  it('resolves agencies by name or short name, reads Excel dates, keeps auxiliary staff apart, and updates by certificate', async () => {
    app = await withAgencies();
    const first = await run(
      app,
      [
        ['湘潭县执法人员名册'],
        HEADER,
        ['湘潭县市场监督管理局', '王建国', '科长', '43030001', '2023-01-01', 46387, '执法人员'],
        ['湘县应急', '李芳', '', '43030002', '2023/1/1', '2026年12月31日', ''],
        ['湘县市监', '赵协管', '', '', '', '', '协管员'],
        ['不存在的局', '钱多多', '', '43030003', '2023-01-01', '2026-12-31', ''],
        ['湘县市监', '孙无证', '', '', '', '', '执法人员'],
      ],
      'officers',
    );
    expect(first.preview.headerRow).toBe(2);
    expect(first.preview.errors.map((e) => `${e.row}:${e.reason}`)).toEqual([
      '6:“不存在的局”不在检查主体名录中：请先在「检查主体」中登记，或填写已登记的名称或简称',
      '7:执法人员须填写执法证号（辅助人员请选择人员类别）',
      '7:请填写证件有效期起始日期',
      '7:请填写证件有效期截止日期',
    ]);
    expect(first.job.result).toMatchObject({ new: 3, rejected: 2 });
    const list = await ok(app, 'officers.list', {});
    expect(list.map((o) => [o.name, o.agencyName, o.certValidTo, o.auxiliaryType])).toEqual(
      expect.arrayContaining([
        ['王建国', '湘潭县市场监督管理局', '2026-12-31', null],
        ['李芳', '湘潭县应急管理局', '2026-12-31', null],
        ['赵协管', '湘潭县市场监督管理局', null, '辅助人员'],
      ]),
    );
    const second = await run(
      app,
      [HEADER, ['湘潭县市场监督管理局', '王建国', '副局长', '43030001', '2023-01-01', '2026-12-31', '执法人员'], ['湘县应急', '李芳', '', '43030002', '2023-01-01', '2026-12-31', '']],
      'officers',
    );
    expect(second.job.result).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
  });
});

describe('item import (the nine published fields)', () => {
  const HEADER = ['事项名称', '实施依据', '检查主体（含层级）', '承办机构', '检查对象', '检查内容', '检查方式', '检查频次', '备注'];
  const row = (name: string, content = '食品生产许可条件保持情况'): Cell[] => [name, '《中华人民共和国食品安全法》第一百一十条', '湘潭县市场监督管理局（县级）', '食品生产安全监督管理股', '食品生产企业', content, '现场检查', '每年不超过1次', ''];

  it('creates drafts with numbers, and a re-import edits a draft in place or prepares the next version of a published item', async () => {
    app = await withAgencies();
    const first = await run(app, [HEADER, row('食品生产企业监督检查'), row('特种设备使用单位监督检查'), [...row('无主体事项').slice(0, 2), '某某局', ...row('x').slice(3)]], 'items');
    expect(first.job.result).toMatchObject({ new: 2, rejected: 1 });
    expect(first.preview.errors[0]?.reason).toMatch(/检查主体“某某局”不在检查主体名录中/u);
    let items = await ok(app, 'items.list', {});
    expect(items.map((i) => [i.code, i.name, i.status, i.level])).toEqual([
      ['001', '食品生产企业监督检查', 'draft', '县'],
      ['002', '特种设备使用单位监督检查', 'draft', '县'],
    ]);
    const published = items[0];
    await ok(app, 'items.publish', { id: published?.id ?? 0, version: published?.version ?? 0 });

    const second = await run(app, [HEADER, row('食品生产企业监督检查', '食品生产许可条件、原料进货查验'), row('特种设备使用单位监督检查', '使用登记、定期检验'), row('特种设备使用单位监督检查', '重复')], 'items');
    expect(second.job.result).toMatchObject({ new: 0, updated: 2, rejected: 1 });
    items = await ok(app, 'items.list', {});
    const food = await ok(app, 'items.get', { id: published?.id ?? 0 });
    // The published version is untouched; the change waits as version 2 for a head to publish.
    expect(food.status).toBe('published');
    expect(food.content).toBe('食品生产许可条件保持情况');
    expect(food.pendingVersion).toBe(2);
    expect(food.versions.map((v) => [v.version, v.content, v.publishedAt !== null])).toEqual([
      [2, '食品生产许可条件、原料进货查验', false],
      [1, '食品生产许可条件保持情况', true],
    ]);
    expect(items.find((i) => i.code === '002')).toMatchObject({ status: 'draft', content: '使用登记、定期检验', currentVersion: 1 });
    const third = await run(app, [HEADER, row('食品生产企业监督检查', '食品生产许可条件、原料进货查验')], 'items');
    expect(third.job.result).toMatchObject({ unchanged: 1 });
  });

  it('is refused to roles that do not keep the registries', async () => {
    app = await withAgencies();
    await ok(app, 'users.create', { username: 'officer1', displayName: '执法员', role: 'officer', password: 'officer-pass-1' });
    await ok(app, 'auth.login', { username: 'officer1', password: 'officer-pass-1' }, 'other');
    const r = await app.dispatch('imports.start', { uploadId: 'x'.repeat(24), kind: 'items', mapping: {}, mode: 'validOnly' }, { sessionKey: 'other' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const e = await app.dispatch('exports.enterprises', {}, { sessionKey: 'other' });
    expect(e).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
