import type { AgencyRow, OfficerRow } from '../../../shared/api';
import type { ItemRow } from '../../../shared/schemas/item';
import { useQuery } from '../../components/useQuery';

export interface FormOptions {
  agencies: AgencyRow[];
  /** Published items and officers of the lead and joint agencies. */
  items: ItemRow[];
  officers: OfficerRow[];
  ownAgencyId: number | null;
  /** Which agency each item and officer belongs to (all agencies), to drop choices when the agencies change. */
  agencyOfItem: ReadonlyMap<number, number>;
  agencyOfOfficer: ReadonlyMap<number, number>;
  loading: boolean;
  error: string | null;
  reload(): void;
}

/** What the plan form chooses from: the agencies, their published item lists and their officers. */
export function useFormOptions(agencyIds: readonly (number | null | undefined)[]): FormOptions {
  const agencies = useQuery('agencies.list', {});
  const items = useQuery('items.list', { status: 'published' });
  const officers = useQuery('officers.list', { includeDisabled: true });
  const ids = new Set(agencyIds.filter((a): a is number => typeof a === 'number'));
  return {
    agencies: agencies.data ?? [],
    items: (items.data ?? []).filter((i) => ids.has(i.agencyId)).sort((a, b) => a.agencyId - b.agencyId || a.code.localeCompare(b.code)),
    officers: (officers.data ?? []).filter((o) => ids.has(o.agencyId)),
    ownAgencyId: agencies.data?.find((a) => a.isOwn)?.id ?? agencies.data?.[0]?.id ?? null,
    agencyOfItem: new Map((items.data ?? []).map((i) => [i.id, i.agencyId])),
    agencyOfOfficer: new Map((officers.data ?? []).map((o) => [o.id, o.agencyId])),
    loading: agencies.loading || items.loading || officers.loading,
    error: agencies.error ?? items.error ?? officers.error,
    reload: () => {
      agencies.reload();
      items.reload();
      officers.reload();
    },
  };
}
