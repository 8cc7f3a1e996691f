import { z } from 'zod';
import { checkCreditCode } from '../validation/creditCode';

/**
 * Field schemas the registries share. Each carries its Chinese label (`.describe()`, last, so
 * wrappers keep it) and Chinese messages, so the server's error and the form's inline message
 * are the same sentence.
 */

/** Required one-line text: trimmed, 1..max characters. */
export function text(label: string, max: number) {
  return z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字符`).describe(label);
}

/** Optional text: trimmed; empty, missing or null all become null. */
export function optText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字符`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .describe(label);
}

/** True for a real calendar day written as YYYY-MM-DD. */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A calendar date, YYYY-MM-DD. */
export function dateField(label: string) {
  return z.string().trim().refine(isIsoDate, `${label}应为有效日期（年-月-日，如 2025-02-18）`).describe(label);
}

export function optDate(label: string) {
  return z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), `${label}应为有效日期（年-月-日，如 2025-02-18）`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .describe(label);
}

/** Landline (0731-57822315, with extension) or mobile; digits, spaces, hyphens, parentheses. */
export const PHONE_PATTERN = /^[0-9+][0-9\-() ]{4,22}[0-9]$/u;
export function optPhone(label = '联系电话') {
  return z
    .string()
    .trim()
    .refine((v) => v === '' || PHONE_PATTERN.test(v), `${label}只能包含数字、空格、括号和连字符（如 0731-57822315 或 13812345678）`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .describe(label);
}

/**
 * A unified social credit code: normalised (full-width → half-width, upper case), then checked
 * (GB 32100-2015); the message names the wrong character.
 */
export const creditCodeSchema = z
  .string()
  .transform((v, ctx) => {
    const r = checkCreditCode(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.code;
  })
  .describe('统一社会信用代码');

/** Same, optional (agencies may not have one recorded yet). */
export const optCreditCode = z
  .string()
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v || v.trim() === '') return null;
    const r = checkCreditCode(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.code;
  })
  .describe('统一社会信用代码');

/** The record version the client last read, for optimistic concurrency. */
export const versionField = z.number().int().positive().describe('版本号');

/** The administrative levels of an agency (DESIGN.md: agencies). */
export const LEVELS = ['省', '市', '县', '乡镇'] as const;
export type Level = (typeof LEVELS)[number];
export const levelSchema = z.enum(LEVELS, { error: '层级应为省、市、县或乡镇' }).describe('层级');
