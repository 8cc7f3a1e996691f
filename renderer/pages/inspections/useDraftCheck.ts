import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingRow, InspectionDraftInput } from '../../../shared/api/inspections';
import { call } from '../../api/client';
import { errorMessage } from '../../session';

export interface DraftCheck {
  findings: FindingRow[] | undefined;
  error: string | null;
  loading: boolean;
  /** Checks this draft after a pause in typing (~400 ms); a newer draft supersedes an older one. */
  schedule(draft: InspectionDraftInput | null): void;
}

const DELAY_MS = 400;

/** inspections.check while the form is filled in: nothing is saved, the findings are shown live. */
export function useDraftCheck(id: number | null): DraftCheck {
  const [state, setState] = useState<{ findings: FindingRow[] | undefined; error: string | null; loading: boolean }>({ findings: undefined, error: null, loading: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const generation = useRef(0);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      generation.current += 1;
    },
    [],
  );

  const schedule = useCallback(
    (draft: InspectionDraftInput | null) => {
      if (timer.current) clearTimeout(timer.current);
      const g = ++generation.current;
      if (!draft) {
        setState({ findings: undefined, error: null, loading: false });
        return;
      }
      setState((s) => ({ ...s, loading: true }));
      timer.current = setTimeout(() => {
        call('inspections.check', { id, draft }).then(
          (findings) => {
            if (g === generation.current) setState({ findings, error: null, loading: false });
          },
          (err: unknown) => {
            if (g === generation.current) setState((s) => ({ ...s, error: `暂时无法检查：${errorMessage(err)}`, loading: false }));
          },
        );
      }, DELAY_MS);
    },
    [id],
  );

  return { ...state, schedule };
}
