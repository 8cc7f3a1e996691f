import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Input } from '../../../shared/api';
import type { EnterpriseRow } from '../../../shared/schemas/enterprise';
import { call } from '../../api/client';
import { SessionContext, errorMessage, isUnauthenticated } from '../../session';

export type SearchParams = Omit<Input<'enterprises.search'>, 'after' | 'limit'>;

/** Rows per request: a screenful and a half of the virtual table. */
const PAGE = 100;
/**
 * A request may come back short (the server bounds the rows it examines per request); keep
 * asking, up to this many times per load, until a page's worth has arrived or the list ends.
 */
const MAX_ROUNDS = 8;

export interface EnterpriseList {
  rows: EnterpriseRow[];
  total: number | null;
  totalExact: boolean;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
}

interface State {
  key: string;
  version: number;
  rows: EnterpriseRow[];
  total: number | null;
  totalExact: boolean;
  cursor: string | null;
  error: string | null;
}

/**
 * The enterprise list for the current search: the first rows, then more on demand by keyset
 * cursor ("smooth at a million": every request costs the same, however deep).
 */
export function useEnterpriseSearch(params: SearchParams): EnterpriseList {
  const session = useContext(SessionContext);
  const key = JSON.stringify(params);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<State>({ key: '', version: -1, rows: [], total: null, totalExact: true, cursor: null, error: null });
  const [busy, setBusy] = useState(false);
  // Each (re)load gets a number; answers to an older one are dropped.
  const generation = useRef(0);
  // One chain of requests at a time, so two loads never append the same page twice.
  const inFlight = useRef(false);

  const run = useCallback(
    async (gen: number, k: string, v: number, cursor: string | null): Promise<void> => {
      inFlight.current = true;
      const query = JSON.parse(k) as SearchParams;
      let after = cursor;
      let got = 0;
      try {
        for (let round = 0; round < MAX_ROUNDS && got < PAGE; round++) {
          const page = await call('enterprises.search', { ...query, limit: PAGE, ...(after ? { after } : {}) });
          if (gen !== generation.current) return;
          got += page.rows.length;
          const first = cursor === null && round === 0;
          setState((s) =>
            first
              ? { key: k, version: v, rows: page.rows, total: page.total, totalExact: page.totalExact, cursor: page.nextCursor, error: null }
              : { ...s, rows: [...s.rows, ...page.rows], cursor: page.nextCursor, error: null },
          );
          after = page.nextCursor;
          if (!after) break;
        }
      } catch (err) {
        if (gen !== generation.current) return;
        if (isUnauthenticated(err) && session) session.expire();
        setState((s) => ({ ...s, key: k, version: v, error: errorMessage(err) }));
      } finally {
        if (gen === generation.current) {
          inFlight.current = false;
          setBusy(false);
        }
      }
    },
    [session],
  );

  useEffect(() => {
    const gen = ++generation.current;
    void run(gen, key, version, null);
  }, [key, version, run]);

  const loadMore = useCallback(() => {
    if (inFlight.current || !state.cursor || state.error) return;
    setBusy(true);
    void run(generation.current, key, version, state.cursor);
  }, [state.cursor, state.error, key, version, run]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = state.key === key;

  return {
    rows: current ? state.rows : [],
    total: current ? state.total : null,
    totalExact: state.totalExact,
    hasMore: current && state.cursor !== null,
    loading: busy || !current || state.version !== version,
    error: current ? state.error : null,
    loadMore,
    reload,
  };
}
