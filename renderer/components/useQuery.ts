import { useCallback, useContext, useEffect, useState } from 'react';
import type { Input, Output, RouteName } from '../../shared/api';
import { call } from '../api/client';
import { SessionContext, errorMessage, isUnauthenticated } from '../session';

export interface Query<T> {
  /** The last successful result (kept while reloading). */
  data: T | undefined;
  /** Chinese message of the last failure, if the last load failed. */
  error: string | null;
  loading: boolean;
  reload(): void;
}

interface Loaded<T> {
  key: string;
  version: number;
  data: T | undefined;
  error: string | null;
}

/**
 * Loads a route's output when the component mounts (and when `reload` is called).
 * The input is keyed by its JSON so callers may pass object literals.
 */
export function useQuery<R extends RouteName>(route: R, input: Input<R>): Query<Output<R>> {
  const key = JSON.stringify([route, input]);
  const session = useContext(SessionContext);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<Output<R>>>({ key: '', version: -1, data: undefined, error: null });

  useEffect(() => {
    let live = true;
    const [r, i] = JSON.parse(key) as [R, Input<R>];
    call(r, i).then(
      (data) => {
        if (live) setLoaded({ key, version, data, error: null });
      },
      (err: unknown) => {
        if (!live) return;
        if (isUnauthenticated(err) && session) session.expire();
        setLoaded((prev) => ({ key, version, data: prev.key === key ? prev.data : undefined, error: errorMessage(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [key, version, session]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = loaded.key === key;
  return {
    data: current ? loaded.data : undefined,
    error: current ? loaded.error : null,
    loading: !current || loaded.version !== version,
    reload,
  };
}
