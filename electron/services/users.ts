import { v7 as uuidv7 } from 'uuid';
import type { Role, SessionUser, UserRow } from '../../shared/api';
import { ROLE_LABELS } from '../../shared/api';
import type { HandlerCtx } from '../api/context';
import { requireUser } from '../api/context';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';

/** Failed logins in a row before the account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 5;

interface UserRecord {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

const SELECT = 'SELECT id, username, display_name, role, password_hash, disabled, failed_logins, locked_until, created_at FROM users';

function toRow(u: UserRecord, now: Date): UserRow {
  const locked = u.locked_until && u.locked_until > now.toISOString() ? u.locked_until : null;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, disabled: u.disabled === 1, lockedUntil: locked, createdAt: u.created_at };
}
function toSession(u: UserRecord): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role };
}
function byId(ctx: HandlerCtx, id: number): UserRecord {
  const u = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as UserRecord | undefined;
  if (!u) throw new AppError('NOT_FOUND', '找不到该用户');
  return u;
}
function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function userCount(ctx: Pick<HandlerCtx, 'db'>): number {
  return (ctx.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

function insertUser(ctx: HandlerCtx, username: string, displayName: string, role: Role, password: string): UserRecord {
  const exists = ctx.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username);
  if (exists) throw new AppError('CONFLICT', `用户名“${username}”已被使用`, 'username');
  const at = ctx.at.toISOString();
  const info = ctx.db
    .prepare(
      `INSERT INTO users (uuid, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(), username, displayName, role, hashPassword(password), at, at);
  return byId(ctx, Number(info.lastInsertRowid));
}

/** First run: creates the administrator, only while there is no user at all, and logs them in. */
export function setup(ctx: HandlerCtx, input: { username: string; displayName: string; password: string }): SessionUser {
  if (userCount(ctx) > 0) throw new AppError('CONFLICT', '系统已初始化，不能再次创建初始管理员');
  const u = insertUser(ctx, input.username, input.displayName, 'admin', input.password);
  const s = toSession(u);
  ctx.sessions.set(ctx.sessionKey, s);
  ctx.audit({ entity: 'user', entityId: u.id, summary: `首次运行：创建管理员 ${u.username}（${u.display_name}）` });
  return s;
}

/**
 * Logs in. A wrong password counts toward a short lockout; the count is committed even though
 * the call fails (the error carries `commit`), so the lockout cannot be dodged.
 */
export function login(ctx: HandlerCtx, input: { username: string; password: string }): SessionUser {
  const u = ctx.db.prepare(`${SELECT} WHERE username = ?`).get(input.username) as UserRecord | undefined;
  const nowIso = ctx.at.toISOString();
  if (!u) {
    // Same work and same message as a wrong password, so usernames cannot be probed.
    verifyPassword(input.password, hashPassword('timing-equaliser'));
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  if (u.disabled) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
  if (u.locked_until && u.locked_until > nowIso) {
    throw new AppError('LOCKED', `密码连续输错 ${MAX_FAILED_LOGINS} 次，账号已锁定，请于 ${hhmm(u.locked_until)} 后重试或请管理员重置密码`);
  }
  if (!verifyPassword(input.password, u.password_hash)) {
    const failed = u.failed_logins + 1;
    if (failed >= MAX_FAILED_LOGINS) {
      const until = new Date(ctx.at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, u.id);
      ctx.audit({ entity: 'user', entityId: u.id, summary: `登录失败 ${failed} 次，账号锁定至 ${hhmm(until)}` });
      throw commitError(new AppError('LOCKED', `密码连续输错 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCKOUT_MINUTES} 分钟，请于 ${hhmm(until)} 后重试或请管理员重置密码`));
    }
    ctx.db.prepare('UPDATE users SET failed_logins = ? WHERE id = ?').run(failed, u.id);
    ctx.audit({ entity: 'user', entityId: u.id, summary: `登录失败（密码错误，连续第 ${failed} 次）` });
    throw commitError(new AppError('UNAUTHENTICATED', `用户名或密码错误（再错 ${MAX_FAILED_LOGINS - failed} 次将锁定 ${LOCKOUT_MINUTES} 分钟）`));
  }
  ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(u.id);
  const s = toSession(u);
  ctx.sessions.set(ctx.sessionKey, s);
  ctx.audit({ entity: 'user', entityId: u.id, summary: `登录（${ROLE_LABELS[u.role]}）` });
  return s;
}

/** Marks an error whose writes (failed-login count, its audit row) must still be committed. */
export function commitError(e: AppError): AppError {
  (e as AppError & { commit?: boolean }).commit = true;
  return e;
}

export function logout(ctx: HandlerCtx): Record<string, never> {
  const me = requireUser(ctx);
  ctx.sessions.delete(ctx.sessionKey);
  ctx.audit({ entity: 'user', entityId: me.id, summary: '退出登录' });
  return {};
}

export function changePassword(ctx: HandlerCtx, input: { oldPassword: string; newPassword: string }): Record<string, never> {
  const me = byId(ctx, requireUser(ctx).id);
  if (!verifyPassword(input.oldPassword, me.password_hash)) throw new AppError('UNAUTHENTICATED', '原密码不正确', 'oldPassword');
  ctx.db.prepare('UPDATE users SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(hashPassword(input.newPassword), ctx.at.toISOString(), me.id);
  ctx.audit({ entity: 'user', entityId: me.id, summary: '修改了自己的密码' });
  return {};
}

export function listUsers(ctx: HandlerCtx): UserRow[] {
  return (ctx.db.prepare(`${SELECT} ORDER BY id`).all() as UserRecord[]).map((u) => toRow(u, ctx.at));
}

export function createUser(ctx: HandlerCtx, input: { username: string; displayName: string; role: Role; password: string }): UserRow {
  const u = insertUser(ctx, input.username, input.displayName, input.role, input.password);
  ctx.audit({ entity: 'user', entityId: u.id, summary: `新增用户 ${u.username}（${u.display_name}，${ROLE_LABELS[u.role]}）` });
  return toRow(u, ctx.at);
}

function activeAdmins(ctx: HandlerCtx, exceptId: number): number {
  return (ctx.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?").get(exceptId) as { n: number }).n;
}

export function updateUser(ctx: HandlerCtx, input: { id: number; displayName: string; role: Role }): UserRow {
  const u = byId(ctx, input.id);
  if (u.role === 'admin' && input.role !== 'admin' && activeAdmins(ctx, u.id) === 0) {
    throw new AppError('CONFLICT', '不能取消最后一位管理员的管理员角色', 'role');
  }
  ctx.db.prepare('UPDATE users SET display_name = ?, role = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(input.displayName, input.role, ctx.at.toISOString(), u.id);
  if (u.role !== input.role) ctx.sessions.dropUser(u.id);
  else ctx.sessions.refreshUser(toSession(byId(ctx, u.id)));
  const changes = [u.display_name !== input.displayName ? `姓名 ${u.display_name}→${input.displayName}` : '', u.role !== input.role ? `角色 ${ROLE_LABELS[u.role]}→${ROLE_LABELS[input.role]}` : '']
    .filter(Boolean)
    .join('，');
  ctx.audit({ entity: 'user', entityId: u.id, summary: `修改用户 ${u.username}：${changes || '无变化'}` });
  return toRow(byId(ctx, u.id), ctx.at);
}

export function setDisabled(ctx: HandlerCtx, input: { id: number; disabled: boolean }): UserRow {
  const u = byId(ctx, input.id);
  if (input.disabled && u.id === requireUser(ctx).id) throw new AppError('CONFLICT', '不能停用自己的账号');
  if (input.disabled && u.role === 'admin' && activeAdmins(ctx, u.id) === 0) throw new AppError('CONFLICT', '不能停用最后一位管理员');
  ctx.db.prepare('UPDATE users SET disabled = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(input.disabled ? 1 : 0, ctx.at.toISOString(), u.id);
  if (input.disabled) ctx.sessions.dropUser(u.id);
  ctx.audit({ entity: 'user', entityId: u.id, summary: `${input.disabled ? '停用' : '启用'}用户 ${u.username}` });
  return toRow(byId(ctx, u.id), ctx.at);
}

export function resetPassword(ctx: HandlerCtx, input: { id: number; password: string }): UserRow {
  const u = byId(ctx, input.id);
  ctx.db
    .prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?, version = version + 1 WHERE id = ?')
    .run(hashPassword(input.password), ctx.at.toISOString(), u.id);
  ctx.sessions.dropUser(u.id);
  ctx.audit({ entity: 'user', entityId: u.id, summary: `重置用户 ${u.username} 的密码并解除锁定` });
  return toRow(byId(ctx, u.id), ctx.at);
}
