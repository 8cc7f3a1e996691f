import { AlignmentType, type Document, Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { ONSITE_CONCLUSIONS, type DocumentData } from '../../../shared/schemas/documents';
import { blank, bodyText, box, choices, clean, field, makeDocument, para, title } from '../parts';
import { STYLE, formatChineseDateTime, formatTime, mm, sectionProperties } from '../styles';

/**
 * 现场检查笔录 (农业 现场检查（勘验）笔录 template, DOMAIN.md §3): the record runs over as many
 * pages as it needs; every page carries, in its footer, the signature lines of the party, the
 * officers (with certificate numbers) and the witness, and 第 页 共 页 — so a page taken out of
 * the file still shows who signed it and where it belongs.
 */

export const ONSITE_TITLE = '现场检查笔录';

type Data = DocumentData<'onSiteRecord'>;

function period(d: Data): string {
  const sameDay = d.start.slice(0, 10) === d.end.slice(0, 10);
  return `${formatChineseDateTime(d.start)}至${sameDay ? formatTime(d.end) : formatChineseDateTime(d.end)}`;
}

/** The footer of every page: the signature lines, then 第 X 页 共 Y 页. */
export function recordFooter(d: Data): Footer {
  const sig = '__________';
  const lines = [`当事人签名或盖章：${sig}      见证人签名：${d.witness ? `${clean(d.witness)} ` : ''}${sig}`];
  const label = '执法人员签名（执法证号）：';
  for (let i = 0; i < d.team.length; i += 2) {
    const pair = d.team.slice(i, i + 2).map((o) => `${sig}（${clean(o.certificateNo)}）`);
    lines.push(`${i === 0 ? label : '\u3000'.repeat(label.length)}${pair.join('  ')}`);
  }
  return new Footer({
    children: [
      ...lines.map((t) => new Paragraph({ style: STYLE.footnote, children: [new TextRun({ text: t })] })),
      new Paragraph({
        style: STYLE.footnote,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页  共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
      }),
    ],
  });
}

/** The record. */
export function onSiteRecord(d: Data): Document {
  const p = d.party;
  const party = [
    p.name,
    p.creditCode ? `统一社会信用代码：${p.creditCode}` : '',
    p.address ? `住所（经营场所）：${p.address}` : '',
    p.legalRepresentative ? `法定代表人（负责人）：${p.legalRepresentative}` : '',
    p.phone ? `联系电话：${p.phone}` : '',
  ].filter(Boolean);
  const yes = (v: boolean) => `${box(v)}是 ${box(!v)}否`;
  const children = [
    title(ONSITE_TITLE),
    blank(STYLE.cell),
    ...(d.inspectionNo || d.scanTime
      ? [field('检查编号（行政检查码）', `${d.inspectionNo ?? ''}${d.scanTime ? `    扫码时间：${formatChineseDateTime(d.scanTime)}` : ''}`, STYLE.cell)]
      : []),
    field('检查时间', period(d), STYLE.cell),
    field('检查地点', d.place, STYLE.cell),
    field('当事人', party.join('；'), STYLE.cell),
    field('检查机关', d.agencyName, STYLE.cell),
    field('检查人员及执法证号', d.team.map((o) => `${o.name}（${o.certificateNo}）`).join('、'), STYLE.cell),
    field('记录人', d.recorder, STYLE.cell),
    ...(d.itemListNos.length ? [field('检查事项清单编号', d.itemListNos.join('、'), STYLE.cell)] : []),
    para(
      `执法人员已向当事人出示执法证件：${yes(d.certificatesShown)}；已告知当事人享有陈述、申辩和申请回避等权利：${yes(d.rightsExplained)}；当事人申请回避：${yes(d.recusalRequested)}。`,
      { style: STYLE.cell },
    ),
    para('现场检查情况：', { style: STYLE.cell, keepNext: true }),
    ...bodyText(d.findings, STYLE.record),
    ...(d.evidence.length ? [field('证据材料', d.evidence.join('；'), STYLE.cell)] : []),
    field('检查结论', choices(ONSITE_CONCLUSIONS, d.conclusion), STYLE.cell),
    field('是否当场告知检查结果', yes(d.resultToldOnSite), STYLE.cell),
    para('（以下空白）', { style: STYLE.cellCenter }),
  ];
  return makeDocument({
    title: ONSITE_TITLE,
    sections: [{ properties: sectionProperties({ footer: mm(10) }), footers: { default: recordFooter(d) }, children }],
  });
}
