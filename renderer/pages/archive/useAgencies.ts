import { useQuery } from '../../components/useQuery';

/** The agencies as select options. */
export function useAgencyOptions(): { value: number; label: string }[] {
  const q = useQuery('agencies.list', {});
  return (q.data ?? []).map((a) => ({ value: a.id, label: a.name }));
}
