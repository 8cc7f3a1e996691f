import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXTS } from '../../../electron/documents/texts';
import { REGISTER_COLUMNS } from '../../../electron/documents/kinds/inspectionRegister';
import { sample } from '../../fixtures/documents/samples';
import { allAttrs, attrs, body, paragraphs, tables, textOf } from './support/docx';
import { build, footers } from './support/build';

const text = (xml: string) => paragraphs(xml).join('\n');

describe('行政检查通知书', () => {
  it('says what, when, how, by whom, which check of the year, with rights, duties, discipline and channel', async () => {
    const t = text(body(await build('inspectionNotice')));
    for (const s of [
      '湘潭市岳塘区市场监督管理局',
      '行政检查通知书',
      '岳市监检通〔2025〕12号',
      '湘潭市岳塘区福满园食品有限公司（统一社会信用代码：91430304MA4L7XQ12K）：',
      '根据《中华人民共和国食品安全法》第一百一十条的规定，本机关决定于2025年3月5日对你单位进行行政检查。',
      '张伟（执法证号：43030219001）、李娜（执法证号：43030219002）',
      '本次为本年度本机关对你单位第1次检查。',
      '本机关执法人员严格遵守“五个严禁”纪律：',
      DEFAULT_TEXTS.complaint,
      '联系人：张伟    联系电话：0731-58581234',
      '2025年3月1日',
      '检查编号：430304-2025-000123（扫描二维码核验本通知书）',
      '送 达 回 执',
    ])
      expect(t).toContain(s);
    for (const [i, r] of DEFAULT_TEXTS.rights.entries()) expect(t).toContain(`（${'一二三四'[i]}）${r}`);
    for (const r of DEFAULT_TEXTS.discipline) expect(t).toContain(r);
    expect(t).toMatch(/一、检查事项[\s\S]*二、检查方式[\s\S]*三、检查人员[\s\S]*四、检查频次[\s\S]*五、你单位的权利[\s\S]*六、你单位的义务[\s\S]*七、检查纪律[\s\S]*八、投诉举报渠道/u);
  });

  it('counts assistants apart from the inspectors', async () => {
    const d = sample('inspectionNotice');
    d.assistantCount = 2;
    d.countThisYear = 2;
    const t = text(body(await build('inspectionNotice', d)));
    expect(t).toContain('另有协助检查人员2名');
    expect(t).toContain('第2次检查');
  });
});

describe('现场检查笔录', () => {
  it('records time, place, party, team, notices given, findings and conclusion', async () => {
    const t = text(body(await build('onSiteRecord')));
    for (const s of [
      '现场检查笔录',
      '检查时间：2025年3月5日9时30分至11时05分',
      '扫码时间：2025年3月5日9时28分',
      '检查地点：湖南省湘潭市岳塘区建设南路88号生产车间',
      '法定代表人（负责人）：周建国',
      '检查人员及执法证号：张伟（43030219001）、李娜（43030219002）',
      '记录人：李娜',
      '执法人员已向当事人出示执法证件：☑是 □否',
      '当事人申请回避：□是 ☑否',
      '原料库内原料分区存放',
      '检查结论：☑未发现问题  □发现问题',
      '（以下空白）',
    ])
      expect(t).toContain(s);
  });

  it('repeats the signatures of party, witness and every officer with their certificate on each page', async () => {
    const d = await build('onSiteRecord');
    const doc = d.xml('word/document.xml');
    expect(allAttrs(doc, 'w:footerReference').map((r) => r['w:type'])).toEqual(['default']);
    expect(doc).not.toContain('<w:titlePg/>');
    const [footer] = [...footers(d).values()];
    const t = textOf(footer ?? '');
    expect(t).toContain('当事人签名或盖章：');
    expect(t).toContain('见证人签名：孙丽');
    expect(t).toContain('执法人员签名（执法证号）：__________（43030219001）  __________（43030219002）');
  });

  it('writes a record over two days with its full end time', async () => {
    const d = sample('onSiteRecord');
    d.end = '2025-03-06T10:00';
    expect(text(body(await build('onSiteRecord', d)))).toContain('2025年3月5日9时30分至2025年3月6日10时00分');
  });
});

describe('forms', () => {
  it('行政检查审批表: source, type, method as check boxes; count against the cap; three opinions', async () => {
    const [t] = tables(body(await build('approvalForm')));
    const flat = (t ?? []).map((r) => r.join(' | '));
    expect(flat).toContain('任务来源 | □年度计划  ☑双随机  □专项  □投诉举报  □转办交办  □数据监测  □依企业申请  □其他');
    expect(flat).toContain('检查类型 | ☑日常检查  □专项检查  □个案检查');
    expect(flat).toContain('协助检查\n人员人数 | 1名 | 本年度\n检查频次 | 已检查0次，上限2次');
    expect(flat).toContain('是否纳入\n年度检查计划 | ☑是（计划编号：岳市监计〔2025〕1号）  □否');
    expect(flat.filter((r) => r.includes('签名：'))).toHaveLength(3);
  });

  it('行政检查审批表: flags a count that has reached the cap', async () => {
    const d = sample('approvalForm');
    d.countThisYear = 2;
    expect(text(body(await build('approvalForm', d)))).toContain('已检查2次，上限2次（已达上限，须经同级人民政府同意）');
  });

  it('非现场检查记录: means, sources, period, conclusion, signatures', async () => {
    const [t] = tables(body(await build('offSiteRecord')));
    const flat = (t ?? []).map((r) => r.join(' | '));
    expect(flat).toContain('检查方式 | ☑书面核查  □信息共享  □数据比对  □远程视频  □网络巡查  □在线监测  ☑企业提交材料');
    expect(flat).toContain('检查时间 | 2025年3月10日14时00分至16时30分');
    expect(flat).toContain('检查结论 | ☑未发现问题  □需说明或补充材料  □需转现场检查  □移送立案');
    expect(flat).toContain('承办人 | 张伟\n（签名） | 审核人 | 王强\n（签名）');
  });
});

describe('notices of result and of correction', () => {
  it('检查结果告知书: each problem with the provision it breaches, then rectification, re-check, objection', async () => {
    const t = text(body(await build('resultNotice')));
    expect(t).toContain('本机关于2025年3月5日依据《中华人民共和国食品安全法》第一百一十条，对你单位食品生产经营日常监督检查进行了现场检查。');
    expect(t).toContain('（一）成品库温湿度记录缺2025年3月1日至3日的记录。该问题不符合《食品生产许可审查通则》第二十条的规定。');
    expect(t).toMatch(/一、检查结果[\s\S]*二、整改要求[\s\S]*请于2025年3月21日前完成整改。[\s\S]*三、复查安排[\s\S]*四、异议及陈述申辩/u);
    expect(t).toContain(DEFAULT_TEXTS.objection);
  });

  it('检查结果告知书: no problem found, nothing to rectify', async () => {
    const d = sample('resultNotice');
    d.result = { kind: 'noProblem' };
    delete d.rectification;
    delete d.recheck;
    const t = text(body(await build('resultNotice', d)));
    expect(t).toContain('经检查，未发现违法违规问题。');
    expect(t).toMatch(/一、检查结果[\s\S]*二、异议及陈述申辩/u);
    expect(t).not.toContain('整改要求');
  });

  it('责令（限期）改正通知书: facts, provision, basis, the chosen way and deadline', async () => {
    const t = text(body(await build('rectificationOrder')));
    expect(t).toContain('责令限期改正通知书');
    expect(t).toContain('经查，你（单位）成品库温湿度记录缺2025年3月1日至3日的记录。');
    expect(t).toContain('上述行为违反了《中华人民共和国食品安全法》第三十三条第一款第（二）项的规定。');
    expect(t).toContain('依据《中华人民共和国食品安全法》第一百二十六条的规定，本机关责令你（单位）□立即 / ☑于2025年3月21日前 改正。');
    const d = sample('rectificationOrder');
    d.mode = '立即改正';
    delete d.deadline;
    const now = text(body(await build('rectificationOrder', d)));
    expect(now).toContain('责令改正通知书');
    expect(now).toContain('☑立即 / □于    年  月  日前 改正');
  });
});

describe('案件移送函 (信函格式)', () => {
  it('has no page number on the first page, a red mark and red double rules of 170 mm', async () => {
    const d = await build('transferLetter');
    const doc = d.xml('word/document.xml');
    expect(doc).toContain('<w:titlePg/>');
    expect(attrs(doc, 'w:pgMar')).toMatchObject({ 'w:header': '1701', 'w:footer': '1134' });
    const refs = allAttrs(doc, 'w:footerReference');
    expect(refs.map((r) => r['w:type']).sort()).toEqual(['default', 'even', 'first']);
    const rels = d.xml('word/_rels/document.xml.rels');
    const part = (type: string, kind: 'header' | 'footer') => {
      const id = allAttrs(doc, `w:${kind}Reference`).find((r) => r['w:type'] === type)?.['r:id'];
      return d.xml(`word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)?.[1] ?? ''}`);
    };
    const firstFooter = part('first', 'footer');
    expect(firstFooter).not.toMatch(/>PAGE</u);
    expect(attrs(firstFooter, 'w:bottom')).toMatchObject({ 'w:val': 'thinThickMediumGap', 'w:color': 'FF0000' });
    expect(part('default', 'footer')).toMatch(/>PAGE</u);
    const header = part('first', 'header');
    expect(textOf(header)).toContain('湘潭市岳塘区市场监督管理局');
    expect(attrs(header, 'w:color')).toEqual({ 'w:val': 'FF0000' });
    expect(attrs(header, 'w:bottom')).toMatchObject({ 'w:val': 'thickThinMediumGap', 'w:color': 'FF0000' });
    // 170 mm = 9638 twips; the type area is 8845: 397 out on each side.
    expect(attrs(header.slice(header.indexOf('w:bottom') - 400), 'w:ind')).toMatchObject({ 'w:left': '-397', 'w:right': '-397' });
  });

  it('carries the number flush right, the addressee, the request for a reply and the attachments', async () => {
    const t = text(body(await build('transferLetter')));
    expect(paragraphs(body(await build('transferLetter')))[0]).toBe('岳市监移〔2025〕2号');
    expect(t).toContain('湘潭市岳塘区应急管理局：');
    expect(t).toContain('请将处理结果函告本机关');
    expect(t).toContain('附件：1. 现场检查笔录（共1份2页）');
    expect(t).toContain('2. 现场照片（共1份3页）');
  });
});

describe('行政检查登记表', () => {
  it('is a landscape table with its heading row repeated on each page, a row per inspection', async () => {
    const xml = body(await build('inspectionRegister'));
    const [t] = tables(xml);
    expect(t?.[0]).toEqual(REGISTER_COLUMNS.map(([h]) => h));
    expect(t).toHaveLength(7);
    expect(t?.[1]?.slice(0, 3)).toEqual(['1', '430304-2025-000120\nXZJC20250300', '2025年3月1日']);
    expect(xml.match(/<w:tblHeader\/>/gu)).toHaveLength(1);
    const grid = allAttrs(xml, 'w:gridCol').map((g) => Number(g['w:w']));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(16838 - 2098 - 1984);
  });

  it('says so when the period has no inspection', async () => {
    const d = sample('inspectionRegister');
    d.rows = [];
    const [t] = tables(body(await build('inspectionRegister', d)));
    expect(t?.[1]).toEqual(['本期无行政检查记录']);
  });
});
