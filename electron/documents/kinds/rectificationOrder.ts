import type { Document } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { bodyText, box, contactLine, docHead, makeDocument, para, receipt, runs, sealAndDate } from '../parts';
import { STYLE, formatChineseDate, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 责令（限期）改正通知书 (DOMAIN.md §3; 农业/市场监管 template sets): the facts found, the
 * provision breached, the basis of the order, "□立即 / □于…前 改正" with the deadline already
 * computed by the caller (working days are the calendar's business), what to correct, what
 * follows if nothing is corrected, the report on completion, a receipt.
 */

export const RECTIFY_TITLE = '责令（限期）改正通知书';

type Data = DocumentData<'rectificationOrder'>;

/** The printed title: the form's name with the chosen variant (责令改正 / 责令限期改正). */
export const rectifyTitle = (d: Data): string => (d.mode === '限期改正' ? '责令限期改正通知书' : '责令改正通知书');

/** The order. */
export function rectificationOrder(d: Data): Document {
  const facts = d.facts.replace(/^经查[，,]?/u, '');
  const deadline = d.deadline ? formatChineseDate(d.deadline) : '    年  月  日';
  const order = `${box(d.mode === '立即改正')}立即 / ${box(d.mode === '限期改正')}于${deadline}前 改正`;
  const children = [
    ...docHead(d.agencyName, rectifyTitle(d), d.docNumber),
    para([...runs(d.party.name), ...runs('：')]),
    para(`经查，你（单位）${facts}`, { style: STYLE.body }),
    para(`上述行为违反了${d.violated}的规定。`, { style: STYLE.body }),
    para(`依据${d.basis}的规定，本机关责令你（单位）${order}。`, { style: STYLE.body }),
    para('改正要求：', { style: STYLE.body, keepNext: true }),
    ...bodyText(d.requirements),
    ...bodyText(d.texts.rectifyReport),
    ...bodyText(d.texts.rectifyConsequence),
    contactLine(d.contact),
    ...sealAndDate(d.agencyName, d.issueDate),
    ...receipt(`《${rectifyTitle(d)}》（${d.docNumber}）`),
  ];
  return makeDocument({
    title: `${d.agencyName}${rectifyTitle(d)}`,
    evenOdd: true,
    sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children }],
  });
}
