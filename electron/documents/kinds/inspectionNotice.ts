import { AlignmentType, type Document, ImageRun, LineRuleType, Paragraph } from 'docx';
import type { DocumentData } from '../../../shared/schemas/documents';
import { bodyText, contactLine, docHead, enumerated, heading, makeDocument, officersLine, para, receipt, runs, sealAndDate } from '../parts';
import { STYLE, formatChineseDate, mm, pageNumberFooters, sectionProperties } from '../styles';

/**
 * 行政检查通知书 (DOMAIN.md §3; 司法部 2025 基本格式文本 as described in the reference notes):
 * what, when, how and by whom the enterprise will be checked, which check of the year this is,
 * its rights and duties, the 五个严禁 discipline, the complaint channel, a QR code to verify the
 * notice, and a receipt.
 */

export const NOTICE_TITLE = '行政检查通知书';

type Data = DocumentData<'inspectionNotice'>;

/** The 25 mm QR code with its caption, from a PNG made once for this document. */
function qrBlock(d: Data, qr: { png: Buffer; payload: string }) {
  const px = Math.round((mm(25) / 1440) * 96);
  return [
    // Auto line height: an exact one would clip the picture to a single line of text.
    new Paragraph({
      style: STYLE.small,
      alignment: AlignmentType.LEFT,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: qr.png, transformation: { width: px, height: px }, altText: { name: '检查二维码', description: qr.payload, title: '检查二维码' } })],
    }),
    para(`检查编号：${d.inspectionNo}（扫描二维码核验本通知书）`, { style: STYLE.small }),
  ];
}

/** The notice; `qr` is the code made from `qrPayload()` for this inspection. */
export function inspectionNotice(d: Data, qr: { png: Buffer; payload: string }): Document {
  const code = d.enterprise.creditCode ? `（统一社会信用代码：${d.enterprise.creditCode}）` : '';
  const method = d.method === '联合检查' ? '联合检查（现场检查）' : d.method;
  const assistants = d.assistantCount > 0 ? `；另有协助检查人员${d.assistantCount}名，不单独实施检查` : '';
  const children = [
    ...docHead(d.agencyName, NOTICE_TITLE, d.docNumber),
    para([...runs(d.enterprise.name), ...runs(`${code}：`)]),
    para(`根据${d.basis}的规定，本机关决定于${formatChineseDate(d.inspectionDate)}对你单位进行行政检查。现将有关事项通知如下：`, { style: STYLE.body }),
    heading('一、检查事项'),
    ...enumerated(d.items),
    ...(d.content ? [para(`检查内容：${d.content}`, { style: STYLE.body })] : []),
    heading('二、检查方式'),
    para(`${method}。`, { style: STYLE.body }),
    heading('三、检查人员'),
    para(`${officersLine(d.team)}${assistants}。执法人员将向你单位出示行政执法证件。`, { style: STYLE.body }),
    heading('四、检查频次'),
    para(`本次为本年度本机关对你单位第${d.countThisYear}次检查。`, { style: STYLE.body }),
    heading('五、你单位的权利'),
    ...enumerated(d.texts.rights),
    heading('六、你单位的义务'),
    ...enumerated(d.texts.duties),
    heading('七、检查纪律'),
    para('本机关执法人员严格遵守“五个严禁”纪律：', { style: STYLE.body }),
    ...enumerated(d.texts.discipline),
    heading('八、投诉举报渠道'),
    ...bodyText(d.texts.complaint),
    contactLine(d.contact),
    ...qrBlock(d, qr),
    ...sealAndDate(d.agencyName, d.issueDate),
    ...receipt(`《${NOTICE_TITLE}》（${d.docNumber}）`),
  ];
  return makeDocument({
    title: `${d.agencyName}${NOTICE_TITLE}`,
    evenOdd: true,
    sections: [{ properties: sectionProperties(), footers: pageNumberFooters(), children }],
  });
}
