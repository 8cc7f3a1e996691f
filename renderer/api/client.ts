import {
  FILE_NAME_HEADER,
  TOKEN_HEADER,
  type UploadInfo,
  type ApiError,
  type Bridge,
  type Input,
  type JobEvent,
  type Output,
  type Result,
  type RouteName,
} from '../../shared/api';

declare global {
  interface Window {
    inspectdesk?: Bridge;
  }
}

/** Thrown by `call` so pages can `try/catch` and show `message` (always Chinese). */
export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'CallError';
  }
  get code(): ApiError['code'] {
    return this.error.code;
  }
}

/** Browser mode: the same routes over HTTP, with the per-launch token from the URL. */
function httpBridge(token: string): Bridge {
  const listeners = new Set<(e: JobEvent) => void>();
  let streaming = false;

  async function stream(): Promise<void> {
    streaming = true;
    while (listeners.size > 0) {
      try {
        const res = await fetch('/api/events', { headers: { [TOKEN_HEADER]: token }, credentials: 'same-origin' });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const chunk = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = chunk
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) {
              const ev = JSON.parse(data) as JobEvent;
              for (const l of listeners) l(ev);
            }
          }
        }
      } catch {
        // The host went away or restarted: retry after a pause while anyone still listens.
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    streaming = false;
  }

  return {
    async call(route, input) {
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(route)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接到 InspectDesk 服务，请确认程序仍在运行' } };
      }
      if (res.status === 401) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: '访问令牌无效：请使用启动时显示的完整地址打开本页面' } };
      }
      try {
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `服务返回了无法识别的响应（HTTP ${res.status}）` } };
      }
    },
    onJobProgress(listener) {
      listeners.add(listener);
      if (!streaming) void stream();
      return () => listeners.delete(listener);
    },
    async upload(name, bytes) {
      try {
        const res = await fetch('/api/files/upload', {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: token, [FILE_NAME_HEADER]: encodeURIComponent(name) },
          credentials: 'same-origin',
          body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
        });
        if (res.status === 413) return { ok: false, error: { code: 'INVALID_INPUT', message: '文件过大，无法上传' } };
        return (await res.json()) as Result<UploadInfo>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '文件上传失败：无法连接到 InspectDesk 服务' } };
      }
    },
    async download(downloadId) {
      let res: Response;
      try {
        res = await fetch(`/api/files/download/${encodeURIComponent(downloadId)}`, { headers: { [TOKEN_HEADER]: token }, credentials: 'same-origin' });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '下载失败：无法连接到 InspectDesk 服务' } };
      }
      const type = res.headers.get('content-type') ?? '';
      if (!res.ok || type.startsWith('application/json')) {
        try {
          return (await res.json()) as Result<never>;
        } catch {
          return { ok: false, error: { code: 'INTERNAL', message: `下载失败（HTTP ${res.status}）` } };
        }
      }
      // The browser saves it through its own download flow, under the name the server gives.
      const disposition = res.headers.get('content-disposition') ?? '';
      const m = /filename\*=UTF-8''([^;]+)/u.exec(disposition);
      const name = m?.[1] ? decodeURIComponent(m[1]) : 'download';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { ok: true, value: { saved: true } };
    },
    async openFile() {
      // A page cannot start Word; the UI offers this only in the desktop window.
      return { ok: false, error: { code: 'INVALID_INPUT', message: '浏览器模式下请下载后用 Word 或 WPS 打开' } };
    },
  };
}

const TOKEN_KEY = 'inspectdesk.token';

/** Picks the transport once at start-up: the preload's bridge in Electron, HTTP in a browser. */
function pickBridge(): Bridge | null {
  if (window.inspectdesk) return window.inspectdesk;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  return token ? httpBridge(token) : null;
}

export const bridge: Bridge | null = pickBridge();

/** Calls a route; resolves with its typed output or throws a `CallError` with a Chinese message. */
export async function call<R extends RouteName>(route: R, input: Input<R>): Promise<Output<R>> {
  if (!bridge) {
    throw new CallError({ code: 'UNAUTHENTICATED', message: '缺少访问令牌：请使用启动时显示的完整地址打开本页面' });
  }
  const res = await bridge.call(route, input);
  if (!res.ok) throw new CallError(res.error);
  return res.value as Output<R>;
}

/** Hands a file the user picked to the app; resolves with its upload id or throws CallError. */
export async function uploadFile(file: File): Promise<UploadInfo> {
  if (!bridge) throw new CallError({ code: 'UNAUTHENTICATED', message: '缺少访问令牌' });
  const res = await bridge.upload(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!res.ok) throw new CallError(res.error);
  return res.value;
}

/** Saves a produced file (export, report); resolves false when the user cancelled the dialog. */
export async function downloadFile(downloadId: string): Promise<boolean> {
  if (!bridge) throw new CallError({ code: 'UNAUTHENTICATED', message: '缺少访问令牌' });
  const res = await bridge.download(downloadId);
  if (!res.ok) throw new CallError(res.error);
  return res.value.saved;
}

/** True in the desktop window, where files can be opened in the system's Word/WPS. */
export const canOpenFiles = Boolean(window.inspectdesk);

/** Opens a produced file in the system's program for it (desktop window only). */
export async function openFile(downloadId: string): Promise<void> {
  if (!bridge) throw new CallError({ code: 'UNAUTHENTICATED', message: '缺少访问令牌' });
  const res = await bridge.openFile(downloadId);
  if (!res.ok) throw new CallError(res.error);
}

export function onJobProgress(listener: (e: JobEvent) => void): () => void {
  return bridge ? bridge.onJobProgress(listener) : () => undefined;
}
