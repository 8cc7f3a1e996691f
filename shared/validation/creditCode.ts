/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-symbol alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17
 * with weights 3^(i-1) mod 31.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; code: string; message: string; position?: number };

/** Full-width letters/digits to half-width, trimmed, upper-cased. */
export function normalizeCreditCode(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/gu, '')
    .toUpperCase();
}

/** The check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new Error(`invalid character at ${i + 1}`);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET.charAt(check);
}

/** Validates a code and says, in Chinese, which character is wrong. */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) {
    return { ok: false, code, message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    const c = code.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      const hint = 'IOSVZ'.includes(c) ? `（代码中不使用字母 I、O、S、V、Z）` : '';
      return { ok: false, code, position: i + 1, message: `第 ${i + 1} 位字符“${c}”不是有效字符${hint}` };
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return {
      ok: false,
      code,
      position: 18,
      message: `第 18 位校验码应为“${expected}”，实际为“${code.charAt(17)}”（可能有字符输错）`,
    };
  }
  return { ok: true, code };
}
