import { z } from 'zod';
import { route } from './route';
import {
  displayNameSchema,
  empty,
  idSchema,
  isoTime,
  jobSchema,
  passwordSchema,
  roleSchema,
  sessionUser,
  usernameSchema,
} from './common';

const userRow = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  lockedUntil: isoTime.nullable(),
  createdAt: isoTime,
});
export type UserRow = z.infer<typeof userRow>;

const auditRow = z.object({
  id: z.number(),
  at: isoTime,
  username: z.string().nullable(),
  route: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditRow = z.infer<typeof auditRow>;

/** First run, login, sessions. */
export const authRoutes = {
  'auth.status': route({
    title: '查询是否已初始化及当前登录用户',
    input: empty,
    output: z.object({
      needsSetup: z.boolean(),
      user: sessionUser.nullable(),
      appVersion: z.string(),
    }),
    access: 'public',
    mutates: false,
  }),
  'auth.setup': route({
    title: '首次运行：创建管理员账号（仅在没有任何用户时可用）',
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
    output: sessionUser,
    access: 'public',
    mutates: true,
  }),
  'auth.login': route({
    title: '登录',
    input: z
      .object({
        username: z.string().trim().min(1, '请输入用户名').max(64).describe('用户名'),
        password: z.string().min(1, '请输入密码').max(128).describe('密码'),
      })
      .strict(),
    output: sessionUser,
    access: 'public',
    mutates: true,
  }),
  'auth.logout': route({
    title: '退出登录',
    input: empty,
    output: z.object({}),
    access: 'user',
    mutates: true,
  }),
  'auth.changePassword': route({
    title: '修改自己的密码',
    input: z
      .object({ oldPassword: z.string().min(1).max(128).describe('原密码'), newPassword: passwordSchema.describe('新密码') })
      .strict(),
    output: z.object({}),
    access: 'user',
    mutates: true,
  }),
};

/** User administration (admin only). */
export const userRoutes = {
  'users.list': route({
    title: '用户列表',
    input: empty,
    output: z.array(userRow),
    access: ['admin'],
    mutates: false,
  }),
  'users.create': route({
    title: '新增用户',
    input: z
      .object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema })
      .strict(),
    output: userRow,
    access: ['admin'],
    mutates: true,
  }),
  'users.update': route({
    title: '修改用户姓名或角色',
    input: z.object({ id: idSchema, displayName: displayNameSchema, role: roleSchema }).strict(),
    output: userRow,
    access: ['admin'],
    mutates: true,
  }),
  'users.setDisabled': route({
    title: '停用或启用用户',
    input: z.object({ id: idSchema, disabled: z.boolean().describe('停用') }).strict(),
    output: userRow,
    access: ['admin'],
    mutates: true,
  }),
  'users.resetPassword': route({
    title: '重置用户密码（同时解除锁定）',
    input: z.object({ id: idSchema, password: passwordSchema.describe('新密码') }).strict(),
    output: userRow,
    access: ['admin'],
    mutates: true,
  }),
};

/** Settings, backup, demo data, audit, jobs. */
export const systemRoutes = {
  'system.info': route({
    title: '数据目录、数据库版本与应用版本',
    input: empty,
    output: z.object({
      appVersion: z.string(),
      dataDir: z.string(),
      databasePath: z.string(),
      databaseBytes: z.number(),
      schemaVersion: z.number(),
      latestSchemaVersion: z.number(),
      mode: z.enum(['electron', 'browser']),
      counts: z.object({ agencies: z.number(), officers: z.number(), enterprises: z.number(), users: z.number() }),
      backups: z.array(z.object({ name: z.string(), bytes: z.number(), createdAt: isoTime })),
    }),
    access: 'user',
    mutates: false,
  }),
  'system.backup': route({
    title: '备份数据库（后台任务）',
    input: empty,
    output: z.object({ jobId: z.string() }),
    access: ['admin', 'archivist'],
    mutates: true,
  }),
  'system.loadDemo': route({
    title: '加载演示档案（后台任务；仅在档案为空时可用）',
    input: empty,
    output: z.object({ jobId: z.string() }),
    access: ['admin'],
    mutates: true,
  }),
  'audit.list': route({
    title: '审计日志（按时间倒序分页）',
    input: z
      .object({
        beforeId: z.number().int().positive().optional().describe('起始编号'),
        limit: z.number().int().min(1).max(500).default(100).describe('条数'),
      })
      .strict(),
    output: z.object({ rows: z.array(auditRow), total: z.number() }),
    access: ['admin', 'head', 'archivist'],
    mutates: false,
  }),
  'audit.verify': route({
    title: '校验审计日志哈希链',
    input: empty,
    output: z.object({
      ok: z.boolean(),
      checked: z.number(),
      firstBrokenId: z.number().nullable(),
      message: z.string(),
    }),
    access: ['admin', 'head', 'archivist'],
    mutates: false,
  }),
  'jobs.get': route({
    title: '查询后台任务状态',
    input: z.object({ id: z.string().min(1).max(64).describe('任务编号') }).strict(),
    output: jobSchema,
    access: 'user',
    mutates: false,
  }),
  'jobs.list': route({
    title: '本次运行的后台任务',
    input: empty,
    output: z.array(jobSchema),
    access: 'user',
    mutates: false,
  }),
  'jobs.cancel': route({
    title: '取消后台任务',
    input: z.object({ id: z.string().min(1).max(64).describe('任务编号') }).strict(),
    output: jobSchema,
    access: 'user',
    mutates: false,
  }),
};
