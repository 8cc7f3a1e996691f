/**
 * Citation strings, kept faithful to DOMAIN.md §2's basis column (seed documents and clauses).
 * 湘 = 湘政办发〔2025〕5号 (seed 000), 潭优发 = 潭优发〔2024〕2号 (seed 001),
 * 磐安 = 磐安县实施意见（征求意见稿）起草说明 (seed 003, section 四), 54号 = 国办发〔2024〕54号.
 */
const XIANG = '湘政办发〔2025〕5号';
const TAN = '潭优发〔2024〕2号';
const PANAN = '磐安县实施意见（征求意见稿）起草说明';
const GUOBAN = '国办发〔2024〕54号';

export const BASIS = {
  subject: `${XIANG}（一）；${GUOBAN}`,
  officers: `${XIANG}（三）；${PANAN}（一）1`,
  two: '《重庆规范涉企行政检查办法》第十五条；执法通行做法',
  listed: `${XIANG}（四）至（六）`,
  cap: `${XIANG}（九）；《湖南省优化营商环境条例》第四十二条；${PANAN}（二）1（2）`,
  triggered: `${XIANG}（十）；${PANAN}（二）1（2）`,
  merge: `${XIANG}（九）；${PANAN}（三）2`,
  mergeTriggered: `${XIANG}（十）`,
  joint: `${TAN}三（一）3；${PANAN}（三）2；${GUOBAN}（能联合的不得多头检查）`,
  offsite: `${XIANG}（七）`,
  approval: `${XIANG}（十一）`,
  filing: `${TAN}三（一）1`,
  code: `${XIANG}（十二）；${PANAN}（二）2（1）`,
  notice: `${XIANG}（十六）`,
  feedback: `${XIANG}（十七）`,
  rectification: `${XIANG}（十七）`,
  transfer: `${XIANG}（十八）`,
  remote: `${XIANG}（二）`,
  special: `${XIANG}（十四）（十五）`,
  grading: `${XIANG}（九）；${TAN}三（三）9；${PANAN}（三）3`,
  gradingWhitelist: `${TAN}三（三）9`,
  dates: '记录一致性校验（各环节日期的先后），非法规条款',
} as const;
