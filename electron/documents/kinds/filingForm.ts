import { AlignmentType, type Document, type Paragraph, type Table } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { type CellSpec, type RowSpec, blank, cn, fixedTable, makeDocument, para } from '../parts';
import { STYLE, formatChineseDate, sectionProperties } from '../styles';

/**
 * 湘潭市涉企行政执法检查备案表 (潭优发〔2024〕2号 附件): the seed's table, row by row and column
 * by column, three copies in one file — one each for the 优化部门, the 检查单位 and the
 * 被检查对象 (the form's own footnote) — a page each.
 */

export const FILING_TITLE = '湘潭市涉企行政执法检查备案表';
export const FILING_NOTE = '注：本备案表一式三份，各级优化部门、检查单位、被检查对象各留存一份。';
export const FILING_COPIES = ['优化部门', '检查单位', '被检查对象'] as const;

// 5 columns as in the seed: row heading | sub-heading | value | sub-heading | value. Widths in
// 四号 characters (280 twips) plus cell margins: 5 | 6 ("（牵头单位）") | 13 digits of a landline |
// 4 ("执法证号") | 13 digits of a certificate number. Together the 156 mm of the type area.
const WIDTHS = [1600, 1860, 2085, 1300, 2000];

type Data = DocumentData<'filingForm'>;

function when(d: Data): string {
  const start = formatChineseDate(d.inspectionDate);
  return d.inspectionEndDate && d.inspectionEndDate !== d.inspectionDate ? `${start}至${formatChineseDate(d.inspectionEndDate)}` : start;
}

function enterprise(d: Data): string {
  return d.enterprise.creditCode ? `${d.enterprise.name}\n（统一社会信用代码：${d.enterprise.creditCode}）` : d.enterprise.name;
}

/** The rows of the seed, in its order. 其他检查人员 has a row per member (at least the form's two). */
export function filingRows(d: Data): RowSpec[] {
  const others = d.others.length >= 2 ? d.others : [...d.others, { name: '', certificateNo: '' }];
  // The free-text rows are drawn tall, as on the printed form, and give back height as the team
  // grows so that a copy stays on one page for up to eight people.
  const tall = Math.max(560, 1100 - (others.length - 2) * 250);
  const opinionHeight = Math.max(900, 1800 - (others.length - 2) * 200);
  const big = (cells: CellSpec[]): RowSpec => ({ cells, minHeight: tall });
  const L = (text: string, rowSpan?: number): CellSpec => ({ text, center: true, rowSpan });
  const V = (text: string, span = 1): CellSpec => ({ text, span });
  const opinion: CellSpec = {
    span: 4,
    top: true,
    paras: [
      para(d.headOpinion ?? '', { style: STYLE.cell }),
      blank(STYLE.cell),
      para('签字：              （盖章）', { style: STYLE.cell, align: AlignmentType.RIGHT, indent: { right: 1200 } }),
      para('年    月    日', { style: STYLE.cell, align: AlignmentType.RIGHT, indent: { right: 600 } }),
    ],
  };
  return [
    [L('检查单位', 2), L('单位\n（牵头单位）'), V(d.leadAgency, 3)],
    [L('联合单位'), V(d.jointAgencies.join('\n'), 3)],
    [L('检查时间'), V(when(d), 4)],
    [L('带队人员', 2), L('姓名'), V(d.leader.name), L('职务'), V(d.leader.post)],
    [L('联系电话'), V(d.leader.phone), L('执法证号'), V(d.leader.certificateNo)],
    ...others.map((o, i) => [...(i === 0 ? [L('其他检查\n人员', others.length)] : []), L('姓名'), V(o.name), L('执法证号'), V(o.certificateNo)]),
    [L('检查对象'), V(enterprise(d), 4)],
    big([L('检查项目'), V(d.items.map((t, i) => (d.items.length > 1 ? `${i + 1}. ${t}` : t)).join('\n'), 4)]),
    big([L('检查依据'), V(d.basis, 4)]),
    big([L('检查内容'), V(d.content, 4)]),
    { cells: [L('检查单位\n主要负责人\n意见'), opinion], minHeight: opinionHeight },
  ];
}

function copy(d: Data, which: (typeof FILING_COPIES)[number], n: number): (Paragraph | Table)[] {
  return [
    para(FILING_TITLE, { style: STYLE.title, pageBreakBefore: n > 0 }),
    para(`第${cn(n + 1)}联  ${which}留存`, { style: STYLE.cellCenter, align: AlignmentType.RIGHT }),
    // Rows a little lower when the team is large, so that a copy still fits its page.
    fixedTable(WIDTHS, filingRows(d), { minHeight: d.others.length > 3 ? 460 : 560 }),
    para(FILING_NOTE, { style: STYLE.small, spacingBefore: 120 }),
  ];
}

/**
 * The 备案表 document: three copies, a page each. Forms carry no "— 1 —" page numbers: the three
 * copies are separate sheets, and numbering them 1–3 would read as one document of three pages.
 */
export function filingForm(d: Data): Document {
  return makeDocument({
    title: FILING_TITLE,
    sections: [
      {
        properties: sectionProperties(),
        children: FILING_COPIES.flatMap((w, i) => copy(d, w, i)),
      },
    ],
  });
}
