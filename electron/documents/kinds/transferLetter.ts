import { AlignmentType, BorderStyle, type Document, Footer, Header, LineRuleType, Paragraph, TextRun } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { blank, bodyText, clean, contactLine, makeDocument, para, runs, sealAndDate, title, widthInChars } from '../parts';
import { FONT, STYLE, TYPE_AREA, fontsFor, mm, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 案件移送函 in the 信函格式 of GB/T 9704-2012 (clause 10.1): the red agency mark 30 mm from the
 * top of the page, a red double rule (thick over thin) 4 mm below it and another (thin over
 * thick) 20 mm above the bottom edge, both 170 mm long; the number flush right under the rule;
 * no page number on the first page (w:titlePg), "— 2 —" and on from the second.
 */

export const TRANSFER_TITLE = '案件移送函';

type Data = DocumentData<'transferLetter'>;

// 170 mm rules centred on the 156 mm type area: 7 mm out on each side.
const OUT = Math.round((mm(170) - TYPE_AREA.width) / 2);
const RED = 'FF0000';

/** The mark's size: 30 pt, smaller (down to 22 pt) when a long name would not fit one line. */
function markSize(name: string): number {
  const fit = Math.floor(((TYPE_AREA.width / 20) * 0.95) / Math.max(1, widthInChars(name)));
  return 2 * Math.max(22, Math.min(30, fit));
}

function firstPageHeader(mark: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.mark,
        // A line just taller than the mark, so its top sits at the header distance (30 mm).
        spacing: { line: markSize(mark) * 10 + 60, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ text: clean(mark), font: fontsFor(FONT.xiaobiaosong), size: markSize(mark), color: RED })],
      }),
      // An empty line 4 mm high whose lower edge is the double rule.
      new Paragraph({
        style: STYLE.small,
        spacing: { line: mm(4), lineRule: LineRuleType.EXACT },
        indent: { left: -OUT, right: -OUT },
        border: { bottom: { style: BorderStyle.THICK_THIN_MEDIUM_GAP, size: 24, color: RED, space: 0 } },
        children: [],
      }),
    ],
  });
}

function firstPageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.small,
        indent: { left: -OUT, right: -OUT },
        border: { bottom: { style: BorderStyle.THIN_THICK_MEDIUM_GAP, size: 24, color: RED, space: 0 } },
        children: [],
      }),
    ],
  });
}

/** The letter. */
export function transferLetter(d: Data): Document {
  const attachments = d.attachments.map((a, i) => `${d.attachments.length > 1 ? `${i + 1}. ` : ''}${a.name}（共${a.copies}份${a.pages}页）`);
  const children = [
    para(d.docNumber, { align: AlignmentType.RIGHT }),
    blank(),
    title(TRANSFER_TITLE),
    blank(),
    para([...runs(d.receivingAgency), ...runs('：')]),
    ...bodyText(d.facts),
    ...bodyText(d.reason),
    para(`根据${d.basis}的规定，现将该案移送你单位处理，请将处理结果函告本机关。`, { style: STYLE.body }),
    ...(attachments.length
      ? [blank(), para(`附件：${attachments[0] ?? ''}`, { style: STYLE.body }), ...attachments.slice(1).map((a) => para(a, { indent: { left: 5 * 315 } }))]
      : []),
    contactLine(d.contact),
    ...sealAndDate(d.agencyName, d.issueDate),
  ];
  // The footer distance is the lower rule's: 20 mm; page numbers are lifted back to their place.
  const numbers = pageNumberFooters(mm(28) - mm(20) - 280);
  return makeDocument({
    title: `${d.agencyName}${TRANSFER_TITLE}`,
    evenOdd: true,
    sections: [
      {
        properties: sectionProperties({ titlePage: true, header: mm(30), footer: mm(20) }),
        headers: { first: firstPageHeader(d.agencyMark ?? d.agencyName) },
        footers: { first: firstPageFooter(), ...numbers },
        children,
      },
    ],
  });
}
