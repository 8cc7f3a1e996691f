import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { SessionContext, errorMessage, isUnauthenticated } from '../session';

/** One page from a keyset-paged route. */
export interface Page<Row> {
  rows: Row[];
  total: number;
  /** Cursor for the next page, or null when this was the last one. */
  next: number | null;
}

export interface PagedList<Row> {
  rows: Row[];
  total: number;
  hasMore: boolean;
  /** True while the first page or a further page is loading. */
  loading: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
}

/**
 * Accumulates rows of a keyset-paged route ("加载更多").
 * `fetchPage` must be stable (declare it at module level).
 */
export function usePagedList<Row>(fetchPage: (cursor: number | null) => Promise<Page<Row>>): PagedList<Row> {
  const session = useContext(SessionContext);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ version: number; rows: Row[]; total: number; next: number | null; error: string | null }>({
    version: -1,
    rows: [],
    total: 0,
    next: null,
    error: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  // Guards against a late page from an earlier reload being appended to a newer list.
  const generation = useRef(0);

  const fail = useCallback(
    (err: unknown, v: number) => {
      if (isUnauthenticated(err) && session) session.expire();
      setState((s) => ({ ...s, version: v, error: errorMessage(err) }));
    },
    [session],
  );

  useEffect(() => {
    let live = true;
    generation.current += 1;
    fetchPage(null).then(
      (page) => {
        if (live) setState({ version, rows: page.rows, total: page.total, next: page.next, error: null });
      },
      (err: unknown) => {
        if (live) fail(err, version);
      },
    );
    return () => {
      live = false;
    };
  }, [fetchPage, version, fail]);

  const loadMore = useCallback(() => {
    if (state.next === null || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    fetchPage(state.next)
      .then(
        (page) => {
          if (gen !== generation.current) return;
          setState((s) => ({ ...s, rows: [...s.rows, ...page.rows], total: page.total, next: page.next, error: null }));
        },
        (err: unknown) => {
          if (gen === generation.current) fail(err, state.version);
        },
      )
      .finally(() => setLoadingMore(false));
  }, [fetchPage, state.next, state.version, loadingMore, fail]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  return {
    rows: state.rows,
    total: state.total,
    hasMore: state.next !== null && state.rows.length < state.total,
    loading: state.version !== version || loadingMore,
    error: state.error,
    loadMore,
    reload,
  };
}
