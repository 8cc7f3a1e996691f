import { z } from 'zod';

/** The five roles of an office (DESIGN.md: users). */
export const ROLES = ['clerk', 'officer', 'archivist', 'head', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  clerk: '内勤',
  officer: '执法人员',
  archivist: '档案管理员',
  head: '负责人',
  admin: '管理员',
};

/**
 * Who may call a route: `public` needs no login (first-run setup, login itself),
 * `user` any logged-in user, otherwise the listed roles.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line in Chinese: what the route does (shown in GET /api). */
  title: string;
  input: I;
  output: O;
  access: Access;
  /** Mutating routes run in one transaction and must append to the audit log. */
  mutates: boolean;
}

/** Declares a route; keeps the literal types of its schemas. */
export function route<I extends z.ZodType, O extends z.ZodType>(def: RouteDef<I, O>): RouteDef<I, O> {
  return def;
}

export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'user') return true;
  return access.includes(role);
}

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_ROUTE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'RULE_BLOCKED',
  'JOB_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** A sentence in Chinese the UI can show as is. */
  message: string;
  /** Dotted path of the failing input field, when the error is about one field. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
});
