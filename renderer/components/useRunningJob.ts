import { useEffect, useState } from 'react';
import type { JobKind } from '../../shared/api';
import { call } from '../api/client';

/**
 * The id of a job of `kind` this user started and should keep following: the one started here
 * (set with the returned setter) or, after navigating away and back, one still running on the host.
 */
export function useRunningJob(kind: JobKind): [string | null, (id: string | null) => void] {
  const [jobId, setJobId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('jobs.list', {}).then(
      (jobs) => {
        const running = jobs.find((j) => j.kind === kind && j.status === 'running');
        if (live && running) setJobId((current) => current ?? running.id);
      },
      () => undefined, // Only a convenience: the page works without it.
    );
    return () => {
      live = false;
    };
  }, [kind]);

  return [jobId, setJobId];
}
