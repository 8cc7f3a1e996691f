import { useCallback, useSyncExternalStore } from 'react';
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../shared/rules';

/** Where in the 检查 area we are: `#/inspections`, `…/new`, `…/12`, `…/12/edit`, `…?status=draft`. */
export type InspectionView =
  | { view: 'list'; status: InspectionStatus | null; enterpriseId: number | null }
  | { view: 'new' }
  | { view: 'detail'; id: number }
  | { view: 'edit'; id: number };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readHash(): string {
  return window.location.hash;
}

export function parseInspectionHash(hash: string): InspectionView {
  const [path = '', query = ''] = hash.replace(/^#\/?/u, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const id = Number(parts[1]);
  if (parts[1] === 'new') return { view: 'new' };
  if (Number.isInteger(id) && id > 0) return parts[2] === 'edit' ? { view: 'edit', id } : { view: 'detail', id };
  const params = new URLSearchParams(query);
  const status = params.get('status');
  const enterprise = Number(params.get('enterprise'));
  return {
    view: 'list',
    status: status && (INSPECTION_STATUSES as readonly string[]).includes(status) ? (status as InspectionStatus) : null,
    enterpriseId: Number.isInteger(enterprise) && enterprise > 0 ? enterprise : null,
  };
}

/** The link to an inspection (or `new`, or a filtered list). */
export function inspectionHref(target: number | 'new' | { status: InspectionStatus | null; enterpriseId?: number | null }, edit = false): string {
  if (typeof target === 'object') {
    const q = new URLSearchParams();
    if (target.status) q.set('status', target.status);
    if (target.enterpriseId) q.set('enterprise', String(target.enterpriseId));
    const s = q.toString();
    return s ? `#/inspections?${s}` : '#/inspections';
  }
  return `#/inspections/${target}${edit ? '/edit' : ''}`;
}

/** The current view and a way to move within the area (hash routing, like the shell). */
export function useInspectionRoute(): [InspectionView, (href: string) => void] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const go = useCallback((href: string) => {
    window.location.hash = href;
  }, []);
  return [parseInspectionHash(hash), go];
}
