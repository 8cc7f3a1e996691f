import { describe, expect, it } from 'vitest';
import { FILING_COPIES, FILING_NOTE, FILING_TITLE } from '../../../electron/documents/kinds/filingForm';
import { OFFICERS, sample } from '../../fixtures/documents/samples';
import { allAttrs, body, paragraphs, tables } from './support/docx';
import { build } from './support/build';

/** The seed's table (潭优发〔2024〕2号 附件), row by row: empty strings are the merged cells below a row heading. */
const EXPECTED = [
  ['检查单位', '单位\n（牵头单位）', '湘潭市岳塘区市场监督管理局'],
  ['', '联合单位', '湘潭市岳塘区应急管理局'],
  ['检查时间', '2025年3月5日'],
  ['带队人员', '姓名', '张伟', '职务', '食品安全监管科科长'],
  ['', '联系电话', '0731-58581234', '执法证号', '43030219001'],
  ['其他检查\n人员', '姓名', '李娜', '执法证号', '43030219002'],
  ['', '姓名', '王强', '执法证号', '43030219003'],
  ['检查对象', '湘潭市岳塘区福满园食品有限公司\n（统一社会信用代码：91430304MA4L7XQ12K）'],
  ['检查项目', '1. 食品生产经营日常监督检查\n2. 特种设备使用单位监督检查'],
  ['检查依据', '《中华人民共和国食品安全法》第一百一十条；《中华人民共和国特种设备安全法》第五十七条'],
  ['检查内容', '生产环境条件、进货查验、生产过程控制、贮存及交付控制；特种设备使用登记、定期检验情况。'],
  ['检查单位\n主要负责人\n意见', '\n\n签字：              （盖章）\n年    月    日'],
];

describe('湘潭市涉企行政执法检查备案表', () => {
  it('reproduces the rows and columns of the seed, cell by cell', async () => {
    const [first] = tables(body(await build('filingForm')));
    expect(first).toEqual(EXPECTED);
  });

  it('keeps the five-column grid of the seed in fixed widths across the type area', async () => {
    const xml = body(await build('filingForm'));
    const grid = allAttrs(xml.slice(0, xml.indexOf('</w:tblGrid>')), 'w:gridCol').map((g) => Number(g['w:w']));
    expect(grid).toHaveLength(5);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it('holds three copies, for 优化部门, 检查单位 and 被检查对象, a page each', async () => {
    const xml = body(await build('filingForm'));
    const ps = paragraphs(xml);
    expect(ps.filter((p) => p === FILING_TITLE)).toHaveLength(3);
    expect(ps.filter((p) => /^第[一二三]联 {2}/u.test(p))).toEqual(FILING_COPIES.map((c, i) => `第${'一二三'[i]}联  ${c}留存`));
    expect(ps.filter((p) => p === FILING_NOTE)).toHaveLength(3);
    expect(FILING_NOTE).toBe('注：本备案表一式三份，各级优化部门、检查单位、被检查对象各留存一份。');
    expect(tables(xml)).toHaveLength(3);
    expect(new Set(tables(xml).map((t) => JSON.stringify(t))).size).toBe(1);
    // The 2nd and 3rd copies start on a new page.
    expect(xml.match(/<w:pageBreakBefore\/>/gu)).toHaveLength(2);
  });

  it('gives the other inspectors a row each, however many there are', async () => {
    const d = sample('filingForm');
    d.others = OFFICERS.slice(1);
    const [t] = tables(body(await build('filingForm', d)));
    const rows = (t ?? []).filter((r) => r.includes('姓名') && r.includes('执法证号'));
    expect(rows.map((r) => r.at(-1))).toEqual(OFFICERS.slice(1).map((o) => o.certificateNo));
    expect(rows[0]?.[0]).toBe('其他检查\n人员');
  });

  it('keeps the form\'s second blank row when only one other inspector goes', async () => {
    const d = sample('filingForm');
    d.others = d.others.slice(0, 1);
    const [t] = tables(body(await build('filingForm', d)));
    expect((t ?? []).filter((r) => r.includes('执法证号') && r[1] === '姓名')).toEqual([
      ['其他检查\n人员', '姓名', '李娜', '执法证号', '43030219002'],
      ['', '姓名', '', '执法证号', ''],
    ]);
  });

  it('writes a time span and several joint agencies', async () => {
    const d = sample('filingForm');
    d.inspectionEndDate = '2025-03-06';
    d.jointAgencies = ['湘潭市岳塘区应急管理局', '湘潭市岳塘区消防救援大队'];
    const [t] = tables(body(await build('filingForm', d)));
    expect(t?.[1]?.[2]).toBe('湘潭市岳塘区应急管理局\n湘潭市岳塘区消防救援大队');
    expect(t?.[2]?.[1]).toBe('2025年3月5日至2025年3月6日');
  });
});
