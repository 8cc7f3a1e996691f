import type { Result } from './route';
import type { JobEvent } from './common';

/**
 * What the preload exposes on `window.inspectdesk` (Electron) and what the browser-mode
 * client implements over HTTP: one call, one progress subscription, nothing else.
 */
export interface Bridge {
  call(route: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to background-job progress; returns the unsubscribe function. */
  onJobProgress(listener: (event: JobEvent) => void): () => void;
}

/** IPC channel names, shared by main and preload. */
export const IPC_CALL = 'inspectdesk:call';
export const IPC_JOB_PROGRESS = 'inspectdesk:job-progress';

/** Header and query names of browser mode. */
export const TOKEN_HEADER = 'x-inspectdesk-token';
export const SESSION_COOKIE = 'inspectdesk_sid';
/** Largest request body browser mode accepts (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;
