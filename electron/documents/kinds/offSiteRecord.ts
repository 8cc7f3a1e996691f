import { AlignmentType, type Document } from 'docx';
import { OFFSITE_CONCLUSIONS, OFFSITE_METHODS, type DocumentData } from '../../../shared/schemas/documents';
import { type CellSpec, type RowSpec, choices, columns, fixedTable, makeDocument, para, title } from '../parts';
import { STYLE, formatChineseDate, formatChineseDateTime, formatTime, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 非现场检查记录 (DOMAIN.md §3 [U]): a form of what was checked without entering the
 * enterprise — by which means, from which data, by whom (at least two officers), what was found
 * and the conclusion — signed by the officer in charge and the reviewer.
 */

export const OFFSITE_TITLE = '非现场检查记录';

type Data = DocumentData<'offSiteRecord'>;

const W = columns([2, 3, 1.6, 2.4]);

/** The rows of the form. */
export function offSiteRows(d: Data): RowSpec[] {
  const L = (text: string): CellSpec => ({ text, center: true });
  const V = (text: string, span = 3): CellSpec => ({ text, span });
  const sameDay = d.start.slice(0, 10) === d.end.slice(0, 10);
  const when = `${formatChineseDateTime(d.start)}至${sameDay ? formatTime(d.end) : formatChineseDateTime(d.end)}`;
  const tall = (cells: CellSpec[]): RowSpec => ({ cells, minHeight: 1400 });
  return [
    [L('检查对象'), V(d.enterprise.creditCode ? `${d.enterprise.name}\n（统一社会信用代码：${d.enterprise.creditCode}）` : d.enterprise.name)],
    [L('检查事项'), V(d.items.map((t, i) => (d.items.length > 1 ? `${i + 1}. ${t}` : t)).join('\n'))],
    [L('检查依据'), V(d.basis)],
    [L('检查方式'), V(choices(OFFSITE_METHODS, d.methods))],
    [L('数据及材料来源'), V(d.sources)],
    [L('检查时间'), V(when)],
    [L('检查人员及\n执法证号'), V(d.team.map((o) => `${o.name}（${o.certificateNo}）`).join('、'))],
    tall([L('检查过程'), V(d.process)]),
    tall([L('发现的问题或\n风险线索'), V(d.findings ?? '无')]),
    [L('检查结论'), V(choices(OFFSITE_CONCLUSIONS, d.conclusion))],
    [L('附件'), V(d.attachments.length ? d.attachments.map((a, i) => `${i + 1}. ${a}`).join('\n') : '无')],
    { cells: [L('承办人'), V(`${d.handler ?? ''}\n（签名）`, 1), L('审核人'), V(`${d.reviewer ?? ''}\n（签名）`, 1)], minHeight: 900 },
  ];
}

/** The record form. */
export function offSiteRecord(d: Data): Document {
  const children = [
    para(d.agencyName, { style: STYLE.cellCenter }),
    title(OFFSITE_TITLE),
    para(`编号：${d.docNumber}`, { style: STYLE.cell, align: AlignmentType.RIGHT }),
    fixedTable(W, offSiteRows(d)),
    para(`记录日期：${formatChineseDate(d.recordDate)}`, { style: STYLE.cell, align: AlignmentType.RIGHT, spacingBefore: 120 }),
  ];
  return makeDocument({
    title: OFFSITE_TITLE,
    evenOdd: true,
    sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children }],
  });
}
