import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentTexts, checkDocumentData, documentTextsSchema, missingFields } from '../../../shared/schemas/documents';
import { DEFAULT_TEXTS, withDefaultTexts } from '../../../electron/documents/texts';
import { buildDocument } from '../../../electron/documents';
import { OFFICE_SECRET, sample } from '../../fixtures/documents/samples';

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

describe('missingFields', () => {
  it.each(KINDS)('%s: nothing is missing from the complete sample', (kind) => {
    expect(missingFields(kind, sample(kind))).toEqual([]);
    expect(checkDocumentData(kind, sample(kind)).ok).toBe(true);
  });

  it('names a missing nested field with its parent, in Chinese', () => {
    const d = sample('filingForm') as Record<string, unknown> & { leader: Record<string, unknown> };
    delete d.leader.phone;
    expect(missingFields('filingForm', d)).toEqual(['带队人员联系电话']);
  });

  it('says 检查结果 when the result notice has none', () => {
    const d = sample('resultNotice') as Record<string, unknown>;
    delete d.result;
    expect(missingFields('resultNotice', d)).toEqual(['检查结果']);
    expect(missingFields('resultNotice', { ...d, result: {} })).toEqual(['检查结果']);
  });

  it('lists, in form order, every field of an empty 备案表', () => {
    expect(missingFields('filingForm', {})).toEqual([
      '检查单位（牵头单位）',
      '检查时间',
      '带队人员姓名',
      '带队人员职务',
      '带队人员联系电话',
      '带队人员执法证号',
      '其他检查人员（至少1人）',
      '检查对象名称',
      '检查项目（至少1项）',
      '检查依据',
      '检查内容',
    ]);
  });

  it('treats blank text as missing and names the member of a list', () => {
    const d = sample('inspectionNotice');
    d.team[1] = { name: '李娜', certificateNo: '   ' };
    d.items = ['食品生产经营日常监督检查', ''];
    expect(missingFields('inspectionNotice', d)).toEqual(['检查事项（第2项）', '检查人员（第2人）执法证号']);
  });

  it('asks for a second inspector', () => {
    const d = sample('onSiteRecord');
    d.team = d.team.slice(0, 1);
    expect(missingFields('onSiteRecord', d)).toEqual(['检查人员（至少2人）']);
  });

  it('asks for the deadline only when the correction is 限期', () => {
    const d = sample('rectificationOrder');
    delete d.deadline;
    expect(missingFields('rectificationOrder', d)).toEqual(['改正期限']);
    expect(missingFields('rectificationOrder', { ...d, mode: '立即改正' })).toEqual([]);
  });

  it('keeps wrong values apart from missing ones, with Chinese reasons', () => {
    const d = sample('resultNotice');
    d.inspectionDate = '2025-02-30';
    d.mode = '上门检查' as never;
    const r = checkDocumentData('resultNotice', d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual([]);
    expect(r.invalid).toEqual(['「检查日期」不是有效的日期', '「检查方式」只能是：现场检查、非现场检查']);
  });

  it('refuses to build a half-filled document and says what is missing', async () => {
    const d = sample('inspectionNotice') as Record<string, unknown> & { contact: Record<string, unknown> };
    delete d.contact.phone;
    await expect(buildDocument('inspectionNotice', d, { officeSecret: OFFICE_SECRET })).rejects.toThrow(
      '无法生成《行政检查通知书》，缺少：联系人电话',
    );
  });

  it('refuses a notice without the office secret for its QR code', async () => {
    await expect(buildDocument('inspectionNotice', sample('inspectionNotice'))).rejects.toThrow(/二维码校验密钥/u);
  });
});

describe('fixed texts', () => {
  it('ships valid defaults: rights, the 五个严禁, complaint and objection channels', () => {
    expect(documentTextsSchema.safeParse(DEFAULT_TEXTS).success).toBe(true);
    expect(DEFAULT_TEXTS.discipline).toHaveLength(5);
    expect(DEFAULT_TEXTS.discipline.every((t) => t.startsWith('严禁'))).toBe(true);
    expect(DEFAULT_TEXTS.rights.join('')).toMatch(/回避/u);
  });

  it('fills texts the data does not bring, and keeps those it does', () => {
    const d = sample('inspectionNotice') as Record<string, unknown>;
    delete d.texts;
    const filled = withDefaultTexts('inspectionNotice', d);
    expect(missingFields('inspectionNotice', filled)).toEqual([]);
    const own = withDefaultTexts('inspectionNotice', { ...d, texts: { complaint: '衡东县司法局 0734-1234567' } });
    const texts = own.texts as unknown as DocumentTexts;
    expect(texts.complaint).toBe('衡东县司法局 0734-1234567');
    expect(texts.rights).toEqual(DEFAULT_TEXTS.rights);
    expect(withDefaultTexts('filingForm', { a: 1 })).toEqual({ a: 1 });
  });
});
