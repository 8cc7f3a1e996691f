import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_AREA, areaHref, isAreaKey, type AreaKey } from './areas';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readHash(): string {
  return window.location.hash;
}

/** The area named by `#/<key>` (first path segment); unknown or empty hashes mean the dashboard. */
export function parseHash(hash: string): AreaKey {
  const first = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isAreaKey(first) ? first : DEFAULT_AREA;
}

/** Hash-based routing without a router dependency: the current area and a way to go elsewhere. */
export function useHashRoute(): [AreaKey, (key: AreaKey) => void] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const navigate = useCallback((key: AreaKey) => {
    window.location.hash = areaHref(key);
  }, []);
  return [parseHash(hash), navigate];
}
