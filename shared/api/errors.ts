import { z } from 'zod';
import type { ApiError } from './route';

/** Walks a schema along an issue path to find the field's Chinese label (from `.describe()`). */
function labelAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let node: z.ZodType | undefined = schema;
  let label: string | undefined = node.description;
  for (const key of path) {
    node = node && unwrap(node);
    if (!node) return label;
    if (node instanceof z.ZodObject && typeof key === 'string') {
      node = (node.shape as Record<string, z.ZodType>)[key];
    } else if (node instanceof z.ZodArray && typeof key === 'number') {
      node = node.element as z.ZodType;
    } else {
      return label;
    }
    label = node?.description ?? (typeof key === 'string' ? key : label);
  }
  return label;
}

function unwrap(node: z.ZodType): z.ZodType {
  let n: z.ZodType = node;
  for (let i = 0; i < 8; i++) {
    if (n instanceof z.ZodOptional || n instanceof z.ZodNullable || n instanceof z.ZodDefault) {
      n = n.unwrap() as z.ZodType;
    } else {
      break;
    }
  }
  return n;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod does not carry the input by default; its English message says what was received.
      return /received undefined/u.test(issue.message) ? '必填' : '类型不正确';
    case 'too_small':
      return issue.message && /[\u4e00-\u9fff]/u.test(issue.message) ? issue.message : `过短或过小（最少 ${String(issue.minimum)}）`;
    case 'too_big':
      return issue.message && /[\u4e00-\u9fff]/u.test(issue.message) ? issue.message : `过长或过大（最多 ${String(issue.maximum)}）`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return '不是允许的取值';
    default:
      return /[\u4e00-\u9fff]/u.test(issue.message) ? issue.message : '格式不正确';
  }
}

/** Turns a zod failure into one Chinese message that names the failing field. */
export function zodToApiError(schema: z.ZodType, error: z.ZodError): ApiError {
  const first = error.issues[0];
  if (!first) return { code: 'INVALID_INPUT', message: '输入不正确' };
  const path = first.path;
  const field = path.map(String).join('.');
  const label = first.code === 'unrecognized_keys' || path.length === 0 ? undefined : labelAt(schema, path);
  const text = issueText(first);
  const more = error.issues.length > 1 ? `（另有 ${error.issues.length - 1} 处错误）` : '';
  return {
    code: 'INVALID_INPUT',
    message: label ? `「${label}」${text}${more}` : `输入不正确：${text}${more}`,
    ...(field ? { field } : {}),
  };
}
