import { z } from 'zod';
import { ROLES } from './route';

export const empty = z.object({}).strict();
export const roleSchema = z.enum(ROLES).describe('角色');
export const idSchema = z.number().int().positive().describe('编号');
export const isoTime = z.string().describe('时间');

export const sessionUser = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUser>;

export const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/u, '用户名只能包含字母、数字、汉字、下划线、点和连字符')
  .describe('用户名');
export const passwordSchema = z
  .string()
  .min(8, '密码至少 8 个字符')
  .max(128, '密码最多 128 个字符')
  .describe('密码');
export const displayNameSchema = z.string().trim().min(1, '请填写姓名').max(32, '姓名最多 32 个字符').describe('姓名');

export const jobKindSchema = z.enum(['backup', 'demo.load', 'import.preview', 'import.run', 'export.enterprises', 'documents.batch',
  'archive.fixity', 'archive.backup', 'archive.verifyBackup', 'archive.restore', 'bundle.export', 'bundle.check', 'bundle.import']);
export type JobKind = z.infer<typeof jobKindSchema>;
export const jobStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export const jobSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  status: jobStatusSchema,
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type JobInfo = z.infer<typeof jobSchema>;
/** What the progress subscription delivers: the job's current state. */
export type JobEvent = JobInfo;
