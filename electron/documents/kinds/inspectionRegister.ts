import { AlignmentType, type Document } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { type CellSpec, type RowSpec, columns, fixedTable, makeDocument, para, title } from '../parts';
import { PAGE, STYLE, formatChineseDate, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 行政检查登记表 (台账) for a period, as a landscape A4 table (DOMAIN.md §3 [U]): one row per
 * inspection, the header row repeated on every page. (The .xlsx export is made elsewhere.)
 */

export const REGISTER_TITLE = '行政检查登记表';

type Data = DocumentData<'inspectionRegister'>;

/** Column headings, in order, with their relative widths. */
export const REGISTER_COLUMNS: readonly [string, number][] = [
  ['序号', 0.6],
  ['检查编号\n行政检查码', 2.2],
  ['检查日期', 1.5],
  ['检查主体', 1.8],
  ['检查类型\n任务来源', 1.2],
  ['被检查单位\n统一社会信用代码', 2.6],
  ['信用/风险\n等级', 0.9],
  ['检查事项', 1.8],
  ['检查方式', 1],
  ['检查人员及证号', 3.2],
  ['扫码\n入企', 0.7],
  ['检查结果', 1.2],
  ['后续处理', 1.2],
  ['结果告知日期\n整改复查日期', 1.6],
  ['本年度\n次数', 0.8],
  ['公示情况', 0.9],
  ['备注', 1.3],
];

// Landscape: the type area turns with the sheet (225 mm wide).
const W = columns(
  REGISTER_COLUMNS.map(([, w]) => w),
  PAGE.height - PAGE.margin.top - PAGE.margin.bottom,
);

const centred = (text: string): CellSpec => ({ paras: [para(text, { style: STYLE.ledger, align: AlignmentType.CENTER })] });
const lines = (...xs: (string | undefined)[]) => xs.filter((x): x is string => !!x).join('\n');
const date = (x?: string) => (x ? formatChineseDate(x) : undefined);

/** The table rows: the heading row, then one row per inspection. */
export function registerRows(d: Data): RowSpec[] {
  const head: RowSpec = { cells: REGISTER_COLUMNS.map(([h]) => ({ text: h, center: true })), minHeight: 520 };
  if (!d.rows.length) return [head, [{ text: '本期无行政检查记录', span: REGISTER_COLUMNS.length, center: true }]];
  const body = d.rows.map((r, i): CellSpec[] => [
    centred(String(i + 1)),
    { text: lines(r.inspectionNo, r.code) },
    { text: formatChineseDate(r.date) },
    { text: r.agency },
    { text: lines(r.type, r.source) },
    { text: lines(r.enterpriseName, r.creditCode) },
    { text: r.grade ?? '' },
    { text: r.items },
    { text: r.method },
    { text: r.inspectors },
    centred(r.codeScanned ? '是' : '否'),
    { text: r.result },
    { text: r.followUp ?? '' },
    { text: lines(date(r.feedbackDate), date(r.recheckDate)) },
    centred(String(r.countThisYear)),
    { text: r.published ?? '' },
    { text: r.remark ?? '' },
  ]);
  return [head, ...body];
}

/** The ledger. */
export function inspectionRegister(d: Data): Document {
  const period = `${formatChineseDate(d.periodStart)}至${formatChineseDate(d.periodEnd)}`;
  const children = [
    title(REGISTER_TITLE),
    para(`检查机关：${d.agencyName}    统计期间：${period}    共${d.rows.length}条`, { style: STYLE.small, align: AlignmentType.CENTER }),
    fixedTable(W, registerRows(d), { header: 1, minHeight: 400, cellStyle: STYLE.ledger, labelStyle: STYLE.ledgerHead, cellMargin: 40 }),
    para(`制表人：${d.preparedBy ?? ''}        制表日期：${d.preparedDate ? formatChineseDate(d.preparedDate) : ''}`, {
      style: STYLE.cell,
      align: AlignmentType.RIGHT,
      spacingBefore: 120,
    }),
  ];
  return makeDocument({
    title: REGISTER_TITLE,
    evenOdd: true,
    sections: [{ properties: sectionProperties({ landscape: true }), footers: pageNumberFooters(), children }],
  });
}
