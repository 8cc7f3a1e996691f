import { describe, expect, it } from 'vitest';
import { addWorkingDays, formatArrangement, parseArrangement } from '../../../shared/calendar';

describe('parseArrangement: a pasted holiday arrangement', () => {
  it('reads "date 休/班 note" lines, ranges and comments', () => {
    const r = parseArrangement(['# 2027 年节假日安排', '2027-01-01 休 元旦', '', '2027-02-06至2027-02-12 休 春节', '2027-02-13 班 春节调休'].join('\n'));
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.years).toEqual([2027]);
    expect(r.overrides).toHaveLength(9);
    expect(r.overrides[0]).toEqual({ date: '2027-01-01', kind: 'holiday', note: '元旦' });
    expect(r.overrides.at(-1)).toEqual({ date: '2027-02-13', kind: 'workday', note: '春节调休' });
  });

  it('reads CSV with a header, tabs from Excel, other date spellings and full-width characters', () => {
    const r = parseArrangement('date,kind,note\r\n2027-1-1,holiday,元旦\r\n2027/2/13\t班\t调休\r\n２０２７年１０月９日，上班，国庆调休\r\n2027.10.01 ~ 2027.10.03 假');
    expect(r.errors).toEqual([]);
    expect(r.overrides.map((o) => `${o.date} ${o.kind}`)).toEqual([
      '2027-01-01 holiday',
      '2027-02-13 workday',
      '2027-10-01 holiday',
      '2027-10-02 holiday',
      '2027-10-03 holiday',
      '2027-10-09 workday',
    ]);
  });

  it('accepts a Chinese header and overlapping ranges with the same kind', () => {
    const r = parseArrangement('日期,类型,备注\n2027-10-01至2027-10-05,休\n2027-10-04至2027-10-07,休');
    expect(r.ok).toBe(true);
    expect(r.overrides).toHaveLength(7);
  });

  it('says, line by line in Chinese, what is wrong — and imports nothing then', () => {
    const r = parseArrangement(
      [
        '2027-01-01 休',
        '2027-02-30 休',
        '2027-13-01 班',
        '明年元旦 休',
        '2027-02-07',
        '2027-02-08 调',
        '2027-01-01 班',
        '2027-10-07至2027-10-01 休',
        '2027-01-01至2027-03-01 休',
        '2027-03-01 constructor',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    expect(r.overrides).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      '第 2 行：日期“2027-02-30”不存在',
      '第 3 行：日期“2027-13-01”不存在',
      '第 4 行：无法识别日期“明年元旦”，请写成 2027-01-01 这样的格式',
      '第 5 行：缺少类型，请在日期后写“休”（放假）或“班”（上班）',
      '第 6 行：无法识别类型“调”，应为“休”（放假）或“班”（上班）',
      '第 7 行：2027-01-01 与第 1 行矛盾（第 1 行为“休”，本行为“班”）',
      '第 8 行：起止日期颠倒（2027-10-07 至 2027-10-01）',
      '第 9 行：日期范围 2027-01-01 至 2027-03-01 超过 31 天，请检查是否写错',
      '第 10 行：无法识别类型“constructor”，应为“休”（放假）或“班”（上班）',
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses an empty paste', () => {
    const r = parseArrangement('\n# 只有注释\n');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ line: 0, message: '没有找到可导入的日期：每行写一个日期和“休”或“班”，如“2027-01-01 休”' }]);
  });

  it('round-trips through formatArrangement', () => {
    const text = '2027-01-01 休 元旦\n2027-02-13 班';
    const r = parseArrangement(text);
    expect(formatArrangement(r.overrides)).toBe(text);
  });

  it('feeds the working-day calendar: a 2027 deadline stops being provisional', () => {
    const r = parseArrangement('2027-01-01 休 元旦');
    expect(addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });
    expect(addWorkingDays('2026-12-31', 1, r.overrides)).toEqual({ date: '2027-01-04', provisional: false });
  });
});
