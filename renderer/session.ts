import { createContext, useCallback, useContext } from 'react';
import { App as AntApp } from 'antd';
import { allows, api, type RouteName, type SessionUser } from '../shared/api';
import { CallError } from './api/client';

/** The logged-in user and what the shell lets pages do with the session. */
export interface Session {
  user: SessionUser;
  /** Calls auth.logout and returns to the login page. */
  signOut(): Promise<void>;
  /** The server no longer knows this login (restart, expiry): back to the login page with a notice. */
  expire(): void;
  /** Re-reads the logged-in user (after the user's own name or role was edited). */
  refresh(): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The current session; only valid inside the shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession 只能在登录后的界面中使用');
  return session;
}

/** Whether the user's role may call a route — read from the contract so UI and server agree. */
export function canCall(user: SessionUser, route: RouteName): boolean {
  return allows(api[route].access, user.role);
}

/** `canCall` for the current user. */
export function useCan(route: RouteName): boolean {
  return canCall(useSession().user, route);
}

/** The Chinese sentence to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof CallError) return err.message;
  if (err instanceof Error && err.message) return `操作失败：${err.message}`;
  return '操作失败，请重试';
}

/** True when the error means the login is gone and the user must sign in again. */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof CallError && err.code === 'UNAUTHENTICATED';
}

/**
 * Returns a function that reports an error to the user: a message toast, or back to the
 * login page when the session has ended.
 */
export function useErrorReporter(): (err: unknown) => void {
  const { message } = AntApp.useApp();
  const session = useContext(SessionContext);
  return useCallback(
    (err: unknown) => {
      if (isUnauthenticated(err) && session) {
        session.expire();
        return;
      }
      void message.error(errorMessage(err));
    },
    [message, session],
  );
}
