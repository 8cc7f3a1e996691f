import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Flex, Result, Spin } from 'antd';
import type { SessionUser } from '../shared/api';
import { bridge, call } from './api/client';
import { SessionContext, errorMessage, isUnauthenticated, type Session } from './session';
import { LoginPage } from './pages/auth/LoginPage';
import { SetupPage } from './pages/auth/SetupPage';
import { Shell } from './shell/Shell';

type View =
  | { kind: 'noBridge' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'login'; notice: string | null }
  | { kind: 'shell'; user: SessionUser };

/** Asks the host who is logged in and which screen comes first. */
async function startView(): Promise<View> {
  try {
    const status = await call('auth.status', {});
    if (status.needsSetup) return { kind: 'setup' };
    if (status.user) return { kind: 'shell', user: status.user };
    return { kind: 'login', notice: null };
  } catch (err) {
    return { kind: 'failed', message: errorMessage(err) };
  }
}

/** Start-up flow: no connection → message; first run → setup; logged out → login; else the shell. */
export function App() {
  const [view, setView] = useState<View>(bridge ? { kind: 'loading' } : { kind: 'noBridge' });
  const [attempt, setAttempt] = useState(0);
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    void startView().then((v) => {
      if (live) setView(v);
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = (): void => {
    setView({ kind: 'loading' });
    setAttempt((a) => a + 1);
  };

  const signOut = useCallback(async (): Promise<void> => {
    try {
      await call('auth.logout', {});
    } catch (err) {
      if (!isUnauthenticated(err)) {
        void message.error(errorMessage(err));
        return;
      }
    }
    setView({ kind: 'login', notice: null });
  }, [message]);

  const expire = useCallback(() => setView({ kind: 'login', notice: '登录已失效，请重新登录' }), []);

  const refresh = useCallback(() => {
    call('auth.status', {}).then(
      (status) => setView(status.user ? { kind: 'shell', user: status.user } : { kind: 'login', notice: '登录已失效，请重新登录' }),
      (err: unknown) => void message.error(errorMessage(err)),
    );
  }, [message]);

  const user = view.kind === 'shell' ? view.user : null;
  const session = useMemo<Session | null>(() => (user ? { user, signOut, expire, refresh } : null), [user, signOut, expire, refresh]);

  switch (view.kind) {
    case 'noBridge':
      return (
        <Result
          status="warning"
          title="无法连接到 InspectDesk 服务"
          subTitle="缺少访问令牌。请从桌面应用启动本程序，或在浏览器中使用启动时显示的完整地址（包含 token 参数）打开本页面。"
        />
      );
    case 'loading':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <Spin size="large" description="正在连接…" />
        </Flex>
      );
    case 'failed':
      return (
        <Result
          status="error"
          title="无法启动"
          subTitle={view.message}
          extra={
            <Button type="primary" onClick={retry}>
              重试
            </Button>
          }
        />
      );
    case 'setup':
      return <SetupPage onDone={(u) => setView({ kind: 'shell', user: u })} />;
    case 'login':
      return <LoginPage notice={view.notice} onLoggedIn={(u) => setView({ kind: 'shell', user: u })} />;
    case 'shell':
      return (
        <SessionContext.Provider value={session}>
          <Shell />
        </SessionContext.Provider>
      );
  }
}
