import { useCallback, useSyncExternalStore } from 'react';

/** Where in the 档案 area we are: `#/archive?tab=make`, `#/archive/12`. */
export type ArchiveView = { view: 'list'; tab: ArchiveTab } | { view: 'detail'; id: number };
export const ARCHIVE_TABS = ['files', 'make', 'search', 'disposal', 'settings'] as const;
export type ArchiveTab = (typeof ARCHIVE_TABS)[number];

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseArchiveHash(hash: string): ArchiveView {
  const [p = '', query = ''] = hash.replace(/^#\/?/u, '').split('?');
  const id = Number(p.split('/').filter(Boolean)[1]);
  if (Number.isInteger(id) && id > 0) return { view: 'detail', id };
  const tab = new URLSearchParams(query).get('tab');
  return { view: 'list', tab: (ARCHIVE_TABS as readonly string[]).includes(tab ?? '') ? (tab as ArchiveTab) : 'files' };
}

export const caseFileHref = (id: number) => `#/archive/${id}`;
export const archiveTabHref = (tab: ArchiveTab) => (tab === 'files' ? '#/archive' : `#/archive?tab=${tab}`);

export function useArchiveRoute(): [ArchiveView, (href: string) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const go = useCallback((href: string) => {
    window.location.hash = href;
  }, []);
  return [parseArchiveHash(hash), go];
}
