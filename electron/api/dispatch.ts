import type { z } from 'zod';
import { allows, api, isRouteName, type ApiError, type Result, type RouteName } from '../../shared/api';
import { zodToApiError } from '../../shared/api/errors';
import { AppError } from '../errors';
import { appendAudit, type AuditEntry } from '../services/audit';
import type { Handler, HandlerCtx, Handlers, Services, SyncHandler } from './context';
import { handlers } from './handlers';

export interface DispatchContext {
  sessionKey: string;
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}

/**
 * The binding layer both transports share: unknown route → error; access checked from the
 * contract; input parsed before any service runs; mutating routes run in one transaction
 * together with their audit rows; output checked against the contract; every failure becomes
 * `{ok:false, error:{code, message}}` with a Chinese message.
 */
export function createDispatcher(services: Services, table: Handlers = handlers) {
  return async function dispatch(routeName: string, rawInput: unknown, dctx: DispatchContext): Promise<Result<unknown>> {
    if (typeof routeName !== 'string' || !isRouteName(routeName)) {
      return fail({ code: 'UNKNOWN_ROUTE', message: `没有名为“${String(routeName).slice(0, 64)}”的接口` });
    }
    const name: RouteName = routeName;
    const def = api[name];
    const user = services.sessions.get(dctx.sessionKey);
    if (!allows(def.access, user?.role ?? null)) {
      return user
        ? fail({ code: 'FORBIDDEN', message: `当前角色无权执行此操作：${def.title}` })
        : fail({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) return fail(zodToApiError(def.input as z.ZodType, parsed.error));

    const at = services.now();
    const entries: AuditEntry[] = [];
    const ctx: HandlerCtx = { ...services, user, sessionKey: dctx.sessionKey, at, audit: (e) => entries.push(e) };
    const entry = table[name] as Handler<RouteName>;
    const actor = () => {
      // The actor of a login/setup is the user it logged in, if any.
      const u = services.sessions.get(dctx.sessionKey) ?? user;
      return { userId: u?.id ?? null, username: u?.username ?? null };
    };
    const flush = () => {
      if (def.mutates && entries.length === 0) entries.push({ entity: name.split('.')[0] ?? name, summary: def.title });
      for (const e of entries) appendAudit(services.db, actor(), name, e, at);
    };

    try {
      let handler: SyncHandler<RouteName>;
      if (typeof entry === 'function') {
        handler = entry;
      } else {
        const prepared = await entry.prepare(parsed.data as never, ctx);
        handler = (input, c) => entry.run(input, c, prepared as never);
      }
      let value: unknown;
      if (def.mutates) {
        let committedError: AppError | null = null;
        services.db
          .transaction(() => {
            try {
              value = handler(parsed.data as never, ctx);
            } catch (e) {
              if (e instanceof AppError && (e as AppError & { commit?: boolean }).commit) {
                committedError = e;
              } else {
                throw e;
              }
            }
            flush();
          })
          .immediate();
        if (committedError) return fail((committedError as AppError).toApiError());
      } else {
        value = handler(parsed.data as never, ctx);
      }
      const out = (def.output as z.ZodType).safeParse(value);
      if (!out.success) {
        return fail({ code: 'INTERNAL', message: `内部错误：接口 ${name} 的返回值不符合约定（${out.error.issues[0]?.path.join('.') ?? ''}）` });
      }
      return { ok: true, value: out.data };
    } catch (e) {
      if (e instanceof AppError) return fail(e.toApiError());
      const code = (e as { code?: string } | null)?.code;
      if (code === 'SQLITE_BUSY') return fail({ code: 'LOCKED', message: '数据库正忙（可能有后台任务在写入），请稍后重试' });
      if (code === 'SQLITE_FULL') return fail({ code: 'INTERNAL', message: '磁盘已满，操作未保存' });
      if (code === 'SQLITE_READONLY') return fail({ code: 'INTERNAL', message: '数据库为只读，操作未保存' });
      return fail({ code: 'INTERNAL', message: `内部错误，操作未保存：${e instanceof Error ? e.message : String(e)}` });
    }
  };
}
