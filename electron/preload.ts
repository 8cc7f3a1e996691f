/**
 * Sandboxed preload: the renderer's only door to the main process.
 *
 * It runs with `sandbox: true`, so it may require nothing but 'electron' and is bundled by
 * esbuild into one CommonJS file. The constants are imported from bridge.ts directly (not the
 * shared/api index) so zod and the route table stay out of the bundle.
 *
 * Exposes exactly `window.inspectdesk = { call, onJobProgress, upload, download, openFile }`; never a raw `ipcRenderer`,
 * and listeners never see the `IpcRendererEvent` (its `sender` is the ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_DOWNLOAD, IPC_JOB_PROGRESS, IPC_OPEN_FILE, IPC_UPLOAD, type Bridge, type UploadInfo } from '../shared/api/bridge';
import type { JobEvent } from '../shared/api/common';
import type { Result } from '../shared/api/route';

const bridge = {
  call: (route: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(IPC_CALL, route, input) as Promise<Result<unknown>>,

  onJobProgress(listener: (event: JobEvent) => void): () => void {
    // The wrapper drops the IpcRendererEvent; unsubscribing removes exactly this wrapper, so
    // other subscribers (and a second subscription of the same listener) are unaffected.
    const wrapper = (_event: IpcRendererEvent, payload: JobEvent): void => listener(payload);
    ipcRenderer.on(IPC_JOB_PROGRESS, wrapper);
    return () => {
      ipcRenderer.removeListener(IPC_JOB_PROGRESS, wrapper);
    };
  },

  // A chosen file's bytes go to the main process, which stores them and answers with an id.
  upload: (name: string, bytes: Uint8Array): Promise<Result<UploadInfo>> =>
    ipcRenderer.invoke(IPC_UPLOAD, name, bytes) as Promise<Result<UploadInfo>>,

  // The main process asks where to save (native dialog) and copies the file there.
  download: (downloadId: string): Promise<Result<{ saved: boolean; path?: string }>> =>
    ipcRenderer.invoke(IPC_DOWNLOAD, downloadId) as Promise<Result<{ saved: boolean; path?: string }>>,

  // The main process copies the file to a temporary folder and hands it to the system (Word/WPS).
  openFile: (downloadId: string): Promise<Result<{ opened: boolean }>> =>
    ipcRenderer.invoke(IPC_OPEN_FILE, downloadId) as Promise<Result<{ opened: boolean }>>,
} satisfies Bridge;

contextBridge.exposeInMainWorld('inspectdesk', bridge);
