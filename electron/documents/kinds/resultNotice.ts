import type { Document, Paragraph } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { bodyText, cn, contactLine, docHead, heading, makeDocument, para, receipt, runs, sealAndDate } from '../parts';
import { STYLE, formatChineseDate, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 检查结果告知书 (DOMAIN.md §3; 湘（十七）: written feedback within 5 working days): when, how
 * and on what basis the enterprise was checked, the result — no problem, or each problem with
 * the exact provision it breaches — rectification and re-check, the objection channel, a receipt.
 */

export const RESULT_TITLE = '检查结果告知书';

type Data = DocumentData<'resultNotice'>;

/** The numbered parts after the opening paragraph, numbered 一、二、… as they occur. */
function parts(d: Data): Paragraph[] {
  const groups: [string, Paragraph[]][] = [];
  const r = d.result;
  groups.push([
    '检查结果',
    r.kind === 'noProblem'
      ? [para('经检查，未发现违法违规问题。', { style: STYLE.body })]
      : [
          para('经检查，发现下列问题：', { style: STYLE.body }),
          ...r.problems.map((p, i) =>
            para(`（${cn(i + 1)}）${p.description.replace(/[。；;.]\s*$/u, '')}。该问题不符合${p.provision}的规定。`, { style: STYLE.body }),
          ),
        ],
  ]);
  if (d.rectification) {
    const by = d.rectification.deadline ? [para(`请于${formatChineseDate(d.rectification.deadline)}前完成整改。`, { style: STYLE.body })] : [];
    groups.push(['整改要求', [...bodyText(d.rectification.requirements), ...by]]);
  }
  if (d.recheck) groups.push(['复查安排', bodyText(d.recheck)]);
  groups.push(['异议及陈述申辩', bodyText(d.texts.objection)]);
  return groups.flatMap(([name, body], i) => [heading(`${cn(i + 1)}、${name}`), ...body]);
}

/** The notice of the result. */
export function resultNotice(d: Data): Document {
  const code = d.enterprise.creditCode ? `（统一社会信用代码：${d.enterprise.creditCode}）` : '';
  const children = [
    ...docHead(d.agencyName, RESULT_TITLE, d.docNumber),
    para([...runs(d.enterprise.name), ...runs(`${code}：`)]),
    para(
      `本机关于${formatChineseDate(d.inspectionDate)}依据${d.basis}，对你单位${d.items.join('、')}进行了${d.mode}。现将检查结果告知如下：`,
      { style: STYLE.body },
    ),
    ...parts(d),
    contactLine(d.contact),
    ...sealAndDate(d.agencyName, d.issueDate),
    ...receipt(`《${RESULT_TITLE}》（${d.docNumber}）`),
  ];
  return makeDocument({
    title: `${d.agencyName}${RESULT_TITLE}`,
    evenOdd: true,
    sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children }],
  });
}
