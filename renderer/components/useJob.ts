import { useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../shared/api';
import { CallError, call, onJobProgress } from '../api/client';
import { errorMessage } from '../session';

/** How often the job is polled besides the event stream (ms). */
export const JOB_POLL_MS = 500;

export function isFinished(job: JobInfo): boolean {
  return job.status !== 'running';
}

/** Chooses between two reports of the same job: a finished state is final, otherwise the further one wins. */
function newer(current: JobInfo | null, next: JobInfo): JobInfo {
  if (!current || current.id !== next.id) return next;
  if (isFinished(current)) return current;
  if (isFinished(next)) return next;
  return next.done >= current.done ? next : current;
}

export interface JobState {
  job: JobInfo | null;
  /** Set when polling fails (the event stream may still deliver). */
  pollError: string | null;
  /** The host no longer knows the job (or this user may not see it): nothing more will arrive. */
  lost: boolean;
}

/** Errors after which asking again cannot help. */
function isPermanent(err: unknown): boolean {
  return err instanceof CallError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED');
}

/**
 * Follows a background job by its progress events and, in case the event stream hiccups,
 * by polling 'jobs.get' every 500 ms until the job has finished.
 * `onFinish` is called once, with the final state.
 */
export function useJob(jobId: string, onFinish?: (job: JobInfo) => void): JobState {
  const [state, setState] = useState<JobState>({ job: null, pollError: null, lost: false });
  const finishRef = useRef(onFinish);
  const reported = useRef<string | null>(null);

  useEffect(() => {
    finishRef.current = onFinish;
  }, [onFinish]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;

    const accept = (info: JobInfo): void => {
      if (!live || info.id !== jobId) return;
      setState((s) => ({ job: newer(s.job, info), pollError: null, lost: false }));
      if (isFinished(info)) finished = true;
    };

    const poll = (): void => {
      call('jobs.get', { id: jobId }).then(
        (info) => {
          accept(info);
          if (live && !finished) timer = setTimeout(poll, JOB_POLL_MS);
        },
        (err: unknown) => {
          if (!live) return;
          const lost = isPermanent(err);
          setState((s) => ({ ...s, pollError: errorMessage(err), lost }));
          if (!finished && !lost) timer = setTimeout(poll, JOB_POLL_MS);
        },
      );
    };

    const unsubscribe = onJobProgress(accept);
    poll();
    return () => {
      live = false;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [jobId]);

  // Report the end once, after React has committed the final state.
  useEffect(() => {
    const job = state.job;
    if (job && job.id === jobId && isFinished(job) && reported.current !== job.id) {
      reported.current = job.id;
      finishRef.current?.(job);
    }
  }, [state.job, jobId]);

  return state.job && state.job.id !== jobId ? { job: null, pollError: null, lost: false } : state;
}
