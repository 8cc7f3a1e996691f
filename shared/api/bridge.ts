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
  /** Hands a file the user chose (a spreadsheet, a bundle) to the app; routes then refer to its id. */
  upload(name: string, bytes: Uint8Array): Promise<Result<UploadInfo>>;
  /** Saves a file the app produced (an export, a report) where the user chooses. */
  download(downloadId: string): Promise<Result<{ saved: boolean; path?: string }>>;
  /** Opens a produced file in the system's program for it (Word/WPS); desktop window only. */
  openFile(downloadId: string): Promise<Result<{ opened: boolean }>>;
}

export interface UploadInfo {
  uploadId: string;
  name: string;
  bytes: number;
}

export interface DownloadInfo {
  downloadId: string;
  name: string;
  bytes: number;
}

/** IPC channel names, shared by main and preload. */
export const IPC_CALL = 'inspectdesk:call';
export const IPC_JOB_PROGRESS = 'inspectdesk:job-progress';
export const IPC_UPLOAD = 'inspectdesk:upload';
export const IPC_DOWNLOAD = 'inspectdesk:download';
export const IPC_OPEN_FILE = 'inspectdesk:open-file';

/** Header and query names of browser mode. */
export const TOKEN_HEADER = 'x-inspectdesk-token';
export const SESSION_COOKIE = 'inspectdesk_sid';
/** Largest request body browser mode accepts (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest file an upload accepts (bytes): an 80,000-row register is ~10 MB, a bundle can be large. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/** Header carrying the (URI-encoded) file name of a browser-mode upload. */
export const FILE_NAME_HEADER = 'x-file-name';
