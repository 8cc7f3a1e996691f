import { AlignmentType, type Document } from 'docx';
import { INSPECTION_METHODS, INSPECTION_TYPES, TASK_SOURCES, type DocumentData } from '../../../shared/schemas/documents';
import { type CellSpec, type RowSpec, blank, box, choices, fixedTable, makeDocument, para, title } from '../parts';
import { STYLE, formatChineseDate, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 行政检查审批表 (DOMAIN.md §3, reference notes 2.1): the plan of one inspection as the head of
 * the enforcement body approves it — source and type, the enterprise, the listed items, basis,
 * method, team and assistants (fixed in advance), this year's count against the cap, the annual
 * plan, and three opinion boxes left for handwriting and signatures.
 */

export const APPROVAL_TITLE = '行政检查审批表';

type Data = DocumentData<'approvalForm'>;

// label (6 小四 characters) | value (an 18-character credit code) | label (5) | value (a phone number).
const W = [1700, 3400, 1645, 2100];

const opinionBox = (label: string, text?: string): RowSpec => ({
  minHeight: 1000,
  cells: [
    { text: label, center: true },
    {
      span: 3,
      top: true,
      paras: [
        para(text ?? '', { style: STYLE.cellSmall }),
        blank(STYLE.cellSmall),
        para('签名：                年    月    日', { style: STYLE.cellSmall, align: AlignmentType.RIGHT, indent: { right: 300 } }),
      ],
    },
  ],
});

/** The rows of the form. */
export function approvalRows(d: Data): RowSpec[] {
  const L = (text: string): CellSpec => ({ text, center: true });
  const V = (text: string | undefined, span = 1): CellSpec => ({ text: text ?? '', span });
  const e = d.enterprise;
  const joint =
    d.method === '联合检查' ? `\n牵头部门：${d.leadAgency ?? ''}；配合部门：${d.cooperatingAgencies.join('、')}` : '';
  const when = d.plannedEndDate && d.plannedEndDate !== d.plannedDate ? `${formatChineseDate(d.plannedDate)}至${formatChineseDate(d.plannedEndDate)}` : formatChineseDate(d.plannedDate);
  const overCap = d.countThisYear >= d.yearlyCap ? '（已达上限，须经同级人民政府同意）' : '';
  return [
    [L('检查主体'), V(d.agencyName, 3)],
    [L('任务来源'), V(choices(TASK_SOURCES, d.taskSource) + (d.taskSourceNote ? `\n说明：${d.taskSourceNote}` : ''), 3)],
    [L('检查类型'), V(choices(INSPECTION_TYPES, d.inspectionType), 3)],
    [L('检查对象名称'), V(e.name, 3)],
    [L('统一社会\n信用代码'), V(e.creditCode), L('法定代表人\n（负责人）'), V(e.legalRepresentative)],
    [L('住所\n（经营场所）'), V(e.address), L('联系电话'), V(e.phone)],
    [L('检查事项'), V(d.items.map((it, i) => `${i + 1}. ${it.name}${it.listNo ? `（清单编号：${it.listNo}）` : ''}`).join('\n'), 3)],
    [L('检查依据'), V(d.basis, 3)],
    [L('检查标准\n及内容'), V(d.content, 3)],
    [L('检查方式'), V(choices(INSPECTION_METHODS, d.method) + joint, 3)],
    [L('拟检查时间'), V(when, 3)],
    [L('检查人员及\n执法证号'), V(d.team.map((o) => `${o.name}（${o.certificateNo}）`).join('\n'), 3)],
    [L('协助检查\n人员人数'), V(`${d.assistantCount}名`), L('本年度\n检查频次'), V(`已检查${d.countThisYear}次，上限${d.yearlyCap}次${overCap}`)],
    [L('是否纳入\n年度检查计划'), V(`${box(d.inPlan)}是${d.inPlan && d.planNo ? `（计划编号：${d.planNo}）` : ''}  ${box(!d.inPlan)}否`, 3)],
    opinionBox('承办人意见'),
    opinionBox('承办机构\n负责人意见'),
    opinionBox('行政执法主体\n负责人\n审批意见'),
    [L('备注'), V(d.remark, 3)],
  ];
}

/** The approval form. */
export function approvalForm(d: Data): Document {
  const children = [title(APPROVAL_TITLE), para(`编号：${d.docNumber}`, { style: STYLE.cell, align: AlignmentType.RIGHT }), fixedTable(W, approvalRows(d), { minHeight: 440, cellStyle: STYLE.cellSmall, labelStyle: STYLE.cellSmallCenter })];
  return makeDocument({
    title: APPROVAL_TITLE,
    evenOdd: true,
    sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children }],
  });
}
