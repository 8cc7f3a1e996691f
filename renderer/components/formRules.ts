import type { FormRule as Rule } from 'antd';
import type { z } from 'zod';

/**
 * An antd form rule that checks a value with the contract's zod schema, so the form shows
 * the same Chinese message the server would return.
 */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** "请输入…" required rule. */
export function required(label: string, verb = '请输入'): Rule {
  return { required: true, message: `${verb}${label}` };
}

/** Confirms a second password field equals the one named `field`. */
export function sameAs(field: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (!value || getFieldValue(field) === value) return;
      throw new Error('两次输入的密码不一致');
    },
  });
}
