import { AlignmentType, type Paragraph } from 'docx';
import { blank, columns, fixedTable, makeDocument, para, title, type CellSpec, type RowSpec } from '../../documents/parts';
import { PACKAGE_OVERRIDES, STYLE, formatChineseDate, sectionProperties } from '../../documents/styles';
import { packDocx } from '../documents/pack';

/**
 * The three parts a case file adds around its documents (GB/T 9705-2008; DOMAIN.md §5):
 * 案卷封面, 卷内文件目录 (顺序号, 文号, 责任者, 题名, 日期, 页号, 备注) and 卷内备考表. Built with
 * the shared GB/T 9704 styles and packed synchronously, so they are made and stored in the
 * transaction that changes the case file.
 */

export interface ProductData {
  fondsName: string;
  fondsNo: string | null;
  catalogNo: string | null;
  volumeNo: number | null;
  archiveNo: string | null;
  filingNo: string | null;
  category: string;
  title: string;
  dateFrom: string | null;
  dateTo: string | null;
  retentionLabel: string;
  itemsCount: number;
  pages: number;
  entries: { seq: number; docNo: string; author: string; title: string; date: string | null; pageFrom: number | null; pageTo: number | null; remark: string; media: boolean }[];
  note: string;
  missing: string[];
  missingExplanation: string | null;
  revisions: { version: number; reason: string; at: string; by: string | null }[];
  compiledBy: string | null;
  compiledAt: string | null;
  checkedBy: string | null;
}

const PENDING = '（归档时编定）';
const cd = (d: string | null) => (d ? formatChineseDate(d) : '');

function pageRange(e: { pageFrom: number | null; pageTo: number | null }): string {
  if (e.pageFrom === null || e.pageTo === null) return '—';
  return e.pageFrom === e.pageTo ? String(e.pageFrom) : `${e.pageFrom}-${e.pageTo}`;
}

function build(name: string, children: (Paragraph | ReturnType<typeof fixedTable>)[]): Buffer {
  return packDocx(makeDocument({ title: name, sections: [{ properties: sectionProperties(), children }] }), PACKAGE_OVERRIDES);
}

const label = (text: string): CellSpec => ({ text, center: true });

/** 案卷封面. */
export function coverDocx(d: ProductData): Buffer {
  const W = columns([2.2, 2.4, 2.2, 2.4, 2.2, 2.4]);
  const range = d.dateFrom && d.dateTo ? `自 ${cd(d.dateFrom)} 至 ${cd(d.dateTo)}` : '';
  const rows: RowSpec[] = [
    [label('全宗名称'), { text: d.fondsName, span: 5 }],
    [label('类目名称'), { text: d.category, span: 5 }],
    { cells: [label('案卷题名'), { text: d.title, span: 5 }], minHeight: 1600 },
    [label('起止时间'), { text: range, span: 5 }],
    [label('保管期限'), { text: d.retentionLabel, span: 2 }, label('件数/页数'), { text: `${d.itemsCount} 件 / ${d.pages} 页`, span: 2 }],
    [label('全宗号'), { text: d.fondsNo ?? '' }, label('目录号'), { text: d.catalogNo ?? '' }, label('案卷号'), { text: d.volumeNo === null ? '' : String(d.volumeNo).padStart(4, '0') }],
    [label('归档号'), { text: d.filingNo ?? PENDING, span: 2 }, label('档号'), { text: d.archiveNo ?? PENDING, span: 2 }],
  ];
  return build('案卷封面', [
    para(`档号：${d.archiveNo ?? PENDING}`, { align: AlignmentType.RIGHT }),
    blank(),
    blank(),
    title(d.fondsName || '行政检查档案'),
    title(`${d.category}案卷`),
    blank(),
    blank(),
    fixedTable(W, rows, { minHeight: 900 }),
  ]);
}

/** 卷内文件目录: one row per entry, the heading row repeated on every page; dates in eight digits (DA/T 22). */
export function indexDocx(d: ProductData): Buffer {
  const W = columns([0.9, 2.8, 2.1, 4.0, 1.8, 1.1, 1.2]);
  const head: RowSpec = { cells: ['顺序号', '文号', '责任者', '题名', '日期', '页号', '备注'].map(label), minHeight: 600 };
  const body: RowSpec[] = d.entries.length
    ? d.entries.map((e) => [label(String(e.seq)), { text: e.docNo }, { text: e.author }, { text: e.title }, label(e.date ? e.date.replace(/-/gu, '') : ''), label(pageRange(e)), { text: e.remark }])
    : [[{ text: '本卷尚无文件', span: 7, center: true }]];
  return build('卷内文件目录', [
    title('卷内文件目录'),
    para(`档号：${d.archiveNo ?? PENDING}    案卷题名：${d.title}`, { style: STYLE.small }),
    blank(STYLE.small),
    fixedTable(W, [head, ...body], { header: 1, minHeight: 520, cellStyle: STYLE.cellSmall, labelStyle: STYLE.cellSmallCenter, cellMargin: 60 }),
  ]);
}

/** 卷内备考表: what the volume holds, what is missing and why, later changes, who made and checked it. */
export function notesDocx(d: ProductData): Buffer {
  const media = d.entries.filter((e) => e.media).length;
  const lines = [
    `本卷共 ${d.itemsCount} 件，${d.pages} 页（页数不含案卷封面、卷内文件目录和卷内备考表）${media ? `；其中音像资料 ${media} 件另行保存` : ''}。`,
    ...(d.missing.length ? [`本卷缺少：${d.missing.join('；')}。${d.missingExplanation ? `说明：${d.missingExplanation}` : ''}`] : []),
    ...(d.note.trim() ? d.note.trim().split('\n') : []),
    ...d.revisions.map((r) => `${cd(r.at.slice(0, 10))}修改（原第 ${r.version} 版）：${r.reason}${r.by ? `（${r.by}）` : ''}。`),
  ];
  const W = columns([2, 3, 2, 3]);
  const explain: CellSpec = { paras: [para('本卷情况说明：', { style: STYLE.cell }), ...lines.map((l) => para(l, { style: STYLE.cell, indent: { firstLine: 560 } }))], span: 4, top: true };
  return build('卷内备考表', [
    title('卷内备考表'),
    para(`档号：${d.archiveNo ?? PENDING}`, { style: STYLE.small }),
    blank(STYLE.small),
    fixedTable(W, [
      { cells: [explain], minHeight: 7200 },
      [label('立卷人'), { text: d.compiledBy ?? '' }, label('立卷时间'), label(cd(d.compiledAt))],
      [label('检查人'), { text: d.checkedBy ?? '' }, label('检查时间'), label(d.checkedBy ? cd(d.compiledAt) : '')],
    ]),
  ]);
}
