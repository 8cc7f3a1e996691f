import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, normalizeCreditCode } from '../../../shared/validation/creditCode';
import { generateDemoArchive } from '../../../electron/demo/generate';

// Published codes (the standard's worked example and a listed company) with known-good check characters.
const KNOWN_VALID = ['91350100M000100Y43', '91110000802100433B'];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(KNOWN_VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it('computes the check character over the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000802100433')).toBe('B');
  });

  it('normalises full-width characters, spaces and lower case', () => {
    expect(normalizeCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43');
    expect(checkCreditCode('91350100m000100y43').ok).toBe(true);
  });

  it('says which character is wrong', () => {
    const r = checkCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, position: 18 });
    expect(!r.ok && r.message).toBe('第 18 位校验码应为“3”，实际为“4”（可能有字符输错）');
    const bad = checkCreditCode('91350100O000100Y43');
    expect(bad).toMatchObject({ ok: false, position: 9 });
    expect(!bad.ok && bad.message).toMatch(/第 9 位字符“O”不是有效字符（代码中不使用字母 I、O、S、V、Z）/u);
  });

  it('rejects a wrong length', () => {
    expect(checkCreditCode('9135010').ok).toBe(false);
    expect(checkCreditCode('91350100M000100Y431').ok).toBe(false);
  });

  it('detects every single-character corruption of a valid code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = KNOWN_VALID[0] ?? '';
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(mutated).ok, mutated).toBe(false);
      }
    }
  });

  it('the demo archive has only valid, unique codes', () => {
    const demo = generateDemoArchive(new Date('2026-01-01'));
    const codes = [...demo.enterprises.map((e) => e.creditCode), ...demo.agencies.map((a) => a.creditCode)];
    for (const c of codes) expect(checkCreditCode(c).ok, c).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
