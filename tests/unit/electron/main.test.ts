import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_DOWNLOAD, IPC_JOB_PROGRESS, IPC_OPEN_FILE, IPC_UPLOAD, type JobEvent, type Result } from '../../../shared/api';
import { windowOptions } from '../../../electron/security';
import type * as SecurityModule from '../../../electron/security';

type Fn = (...args: unknown[]) => unknown;

/**
 * A fresh fake of the Electron surface main.ts touches, rebuilt before every test. The
 * vi.mock factory below returns getters onto `h.e`, so each re-import of main.ts sees the
 * current fake.
 */
const h = vi.hoisted(() => {
  function emitter() {
    const listeners = new Map<string, Fn[]>();
    const on = vi.fn((event: string, fn: Fn) => {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
    });
    const emit = (event: string, ...args: unknown[]) => (listeners.get(event) ?? []).map((fn) => fn(...args));
    return { listeners, on, emit };
  }

  function fresh(options: { lock?: boolean } = {}) {
    const order: string[] = [];
    const appEvents = emitter();
    let resolveReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => {
      resolveReady = r;
    });
    const windows: FakeWindow[] = [];
    let nextId = 7;

    const app = {
      on: vi.fn((event: string, fn: Fn) => {
        appEvents.on(event, fn);
        return app;
      }),
      enableSandbox: vi.fn(() => order.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => {
        order.push('requestSingleInstanceLock');
        return options.lock ?? true;
      }),
      whenReady: vi.fn(() => ready),
      quit: vi.fn(),
      getVersion: vi.fn(() => '9.8.7'),
      getPath: vi.fn((name: string) => (name === 'userData' ? '/home/u/.config/InspectDesk' : `/fake/${name}`)),
      setPath: vi.fn(),
      isPackaged: false,
    };

    class FakeWindow {
      static getAllWindows = vi.fn(() => windows.filter((w) => !w.destroyed));
      readonly events = emitter();
      readonly contentsEvents = emitter();
      destroyed = false;
      url = 'app://bundle/index.html';
      openHandler: Fn | undefined;
      readonly loadURL = vi.fn(async (url: string) => {
        this.url = url;
      });
      readonly show = vi.fn();
      readonly focus = vi.fn();
      readonly restore = vi.fn();
      readonly isMinimized = vi.fn(() => true);
      readonly isDestroyed = vi.fn(() => this.destroyed);
      readonly on = this.events.on;
      readonly once = this.events.on;
      readonly webContents;
      constructor(readonly opts: Record<string, unknown>) {
        const id = nextId++;
        const mainFrame = { url: 'app://bundle/index.html' };
        this.webContents = {
          id,
          mainFrame,
          on: this.contentsEvents.on,
          send: vi.fn(),
          getURL: () => this.url,
          setWindowOpenHandler: vi.fn((fn: Fn) => {
            this.openHandler = fn;
          }),
        };
        windows.push(this);
        // Electron emits this while constructing the window.
        appEvents.emit('web-contents-created', {}, this.webContents);
      }
    }

    const defaultSession = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    };
    const ipcHandlers = new Map<string, Fn>();
    const electron = {
      app,
      BrowserWindow: FakeWindow,
      ipcMain: { handle: vi.fn((channel: string, fn: Fn) => ipcHandlers.set(channel, fn)) },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
        handle: vi.fn(),
      },
      session: { defaultSession },
      dialog: { showErrorBox: vi.fn() },
      Menu: { setApplicationMenu: vi.fn() },
      shell: { openPath: vi.fn(async (_p: string) => '') },
    };
    return { electron, app, appEvents, windows, ipcHandlers, order, defaultSession, ready: () => resolveReady() };
  }

  return { fresh, e: fresh(), createApp: vi.fn() };
});

vi.mock('electron', () => {
  const mod = {};
  for (const key of ['app', 'BrowserWindow', 'ipcMain', 'protocol', 'session', 'dialog', 'Menu', 'shell'] as const) {
    Object.defineProperty(mod, key, { enumerable: true, get: () => h.e.electron[key] });
  }
  return mod;
});

// The real security module, with the protocol handler factory observable.
vi.mock('../../../electron/security', async (importOriginal) => {
  const real = await importOriginal<typeof SecurityModule>();
  return { ...real, createAppProtocolHandler: vi.fn(real.createAppProtocolHandler) };
});

// main.ts imports './app'; this is the same module seen from the test file.
vi.mock('../../../electron/app', () => ({ createApp: h.createApp }));

function fakeCore() {
  let progress: ((e: JobEvent) => void) | undefined;
  const unsubscribe = vi.fn();
  const core = {
    dataDir: '/data',
    dbPath: '/data/inspectdesk.db',
    dispatch: vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'pong' })),
    onJobProgress: vi.fn((l: (e: JobEvent) => void) => {
      progress = l;
      return unsubscribe;
    }),
    endSession: vi.fn(),
    userOf: vi.fn((): unknown => ({ id: 1, username: 'admin', displayName: '管理员', role: 'admin' })),
    transfers: {
      saveUploadBytes: vi.fn((name: string, bytes: Uint8Array) => ({ uploadId: 'u'.repeat(24), name, bytes: bytes.byteLength })),
      download: vi.fn(),
    },
    waitForJob: vi.fn(),
    close: vi.fn(async () => undefined),
  };
  return { core, unsubscribe, emitProgress: (e: JobEvent) => progress?.(e) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const realArgv = process.argv;
const realEnvDir = process.env.INSPECTDESK_DATA_DIR;

/** Imports a fresh copy of main.ts against a fresh fake Electron. */
async function boot(options: { lock?: boolean; ready?: boolean } = {}) {
  h.e = h.fresh(options);
  await import('../../../electron/main');
  if (options.ready !== false) {
    h.e.ready();
    await flush();
  }
  return h.e;
}

let fake: ReturnType<typeof fakeCore>;

beforeEach(() => {
  vi.resetModules();
  fake = fakeCore();
  h.createApp.mockReset();
  h.createApp.mockReturnValue(fake.core);
  delete process.env.INSPECTDESK_DATA_DIR;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  process.argv = realArgv;
  if (realEnvDir === undefined) delete process.env.INSPECTDESK_DATA_DIR;
  else process.env.INSPECTDESK_DATA_DIR = realEnvDir;
  vi.restoreAllMocks();
});

describe('main.ts before ready', () => {
  it('registers the privileged app: scheme, enables the sandbox and takes the lock at import', async () => {
    const e = await boot({ ready: false });
    expect(e.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(e.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(e.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    // Nothing that needs 'ready' has happened yet.
    expect(e.windows).toHaveLength(0);
    expect(h.createApp).not.toHaveBeenCalled();
    expect(e.electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('quits without opening anything when another instance holds the lock', async () => {
    const e = await boot({ lock: false });
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.windows).toHaveLength(0);
    expect(h.createApp).not.toHaveBeenCalled();
  });
});

describe('main.ts after ready', () => {
  it('creates one hardened window loading app://bundle/', async () => {
    const e = await boot();
    expect(e.windows).toHaveLength(1);
    const win = e.windows[0]!;
    const preload = path.join(path.resolve(__dirname, '../../../electron'), 'preload.js');
    expect(win.opts).toEqual(windowOptions(preload));
    expect(win.opts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    // Shown only once rendered.
    expect(win.show).not.toHaveBeenCalled();
    win.events.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('hardens every webContents: navigation, window.open, webview', async () => {
    const e = await boot();
    const win = e.windows[0]!;
    const navigate = (event: string, url?: string) => {
      const preventDefault = vi.fn();
      win.contentsEvents.emit(event, { preventDefault, url }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'app://bundle/index.html')).toBe(false);
    expect(navigate('will-attach-webview')).toBe(true);
    expect(win.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies all permissions on the default session', async () => {
    const e = await boot();
    const request = e.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as Fn;
    const check = e.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as Fn;
    const cb = vi.fn();
    request({}, 'media', cb, {});
    expect(cb).toHaveBeenCalledWith(false);
    expect(check({}, 'notifications', 'app://bundle', {})).toBe(false);
  });

  it('opens the archive through createApp with the userData dir by default', async () => {
    const e = await boot();
    expect(h.createApp).toHaveBeenCalledExactlyOnceWith({
      dataDir: '/home/u/.config/InspectDesk',
      mode: 'electron',
      appVersion: '9.8.7',
      workerFile: path.join(path.resolve(__dirname, '../../../electron'), 'worker.js'),
    });
    expect(e.app.setPath).not.toHaveBeenCalled();
  });

  it('prefers --data-dir= over INSPECTDESK_DATA_DIR and gives it its own profile', async () => {
    process.env.INSPECTDESK_DATA_DIR = '/from/env';
    process.argv = [...realArgv, '--data-dir=/from/arg'];
    const e = await boot();
    expect(h.createApp.mock.calls[0]?.[0]).toMatchObject({ dataDir: path.resolve('/from/arg') });
    // The single-instance lock is per userData, so each data dir gets a separate profile.
    expect(e.app.setPath).toHaveBeenCalledWith('userData', expect.stringContaining(path.join('InspectDesk', 'instances')));
    expect(e.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(e.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  });

  it('also accepts `--data-dir <path>` like browser mode', async () => {
    process.argv = [...realArgv, '--data-dir', '/spaced/arg'];
    await boot();
    expect(h.createApp.mock.calls[0]?.[0]).toMatchObject({ dataDir: path.resolve('/spaced/arg') });
  });

  it('uses INSPECTDESK_DATA_DIR when no flag is given', async () => {
    process.env.INSPECTDESK_DATA_DIR = '/from/env';
    await boot();
    expect(h.createApp.mock.calls[0]?.[0]).toMatchObject({ dataDir: path.resolve('/from/env') });
  });

  it('serves dist/renderer (next to dist/electron) through protocol.handle, without traversal', async () => {
    const e = await boot();
    // resetModules gave main.ts a fresh module registry; fetch the instance it actually used.
    const security = await import('../../../electron/security');
    expect(security.createAppProtocolHandler).toHaveBeenLastCalledWith(path.resolve(__dirname, '../../../renderer'));
    expect(e.electron.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = e.electron.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    // Request (like Chromium) folds '..' before the handler runs; whatever comes back is not /etc/passwd.
    const folded = await handler(new Request('app://bundle/../../etc/passwd'));
    expect(await folded.text()).not.toMatch(/root:.*:0:0:/u);
    expect((await handler(new Request('app://bundle/..%5c..%5cetc%5cpasswd'))).status).toBe(404);
    expect((await handler(new Request('app://bundle/assets/none.js'))).status).toBe(404);
  });
});

describe('IPC', () => {
  async function ipc() {
    const e = await boot();
    const handler = e.ipcHandlers.get(IPC_CALL);
    expect(handler).toBeDefined();
    const sender = e.windows[0]!.webContents;
    return {
      e,
      sender,
      call: (event: unknown, route: unknown, input?: unknown) => handler!(event, route, input) as Promise<Result<unknown>>,
    };
  }

  it('forwards a trusted main-frame call to dispatch with sessionKey wc:<id>', async () => {
    const { sender, call } = await ipc();
    const input = { username: 'admin', password: 'x' };
    const res = await call({ sender, senderFrame: sender.mainFrame }, 'auth.login', input);
    expect(res).toEqual({ ok: true, value: 'pong' });
    expect(fake.core.dispatch).toHaveBeenCalledExactlyOnceWith('auth.login', input, { sessionKey: `wc:${sender.id}` });
  });

  it.each([
    ['file: page', 'file:///home/u/dist/renderer/index.html'],
    ['https: page', 'https://evil.example/'],
    ['another app host', 'app://other/index.html'],
  ])('rejects a %s with FORBIDDEN before dispatching', async (_label, url) => {
    const { sender, call } = await ipc();
    sender.mainFrame.url = url;
    const res = await call({ sender, senderFrame: sender.mainFrame }, 'auth.login', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(res.ok ? '' : res.error.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(fake.core.dispatch).not.toHaveBeenCalled();
  });

  it('rejects a subframe of our own page and a missing frame', async () => {
    const { sender, call } = await ipc();
    const subframe = { url: 'app://bundle/index.html' };
    await expect(call({ sender, senderFrame: subframe }, 'auth.login', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(call({ sender, senderFrame: null }, 'auth.login', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(fake.core.dispatch).not.toHaveBeenCalled();
  });

  it('stores an upload from a trusted, logged-in page and refuses everyone else', async () => {
    const { e, sender } = await ipc();
    const upload = e.ipcHandlers.get(IPC_UPLOAD)!;
    const ok = await upload({ sender, senderFrame: sender.mainFrame }, '企业名录.xlsx', new Uint8Array([1, 2, 3]));
    expect(ok).toEqual({ ok: true, value: { uploadId: 'u'.repeat(24), name: '企业名录.xlsx', bytes: 3 } });
    sender.mainFrame.url = 'https://evil.example/';
    expect(await upload({ sender, senderFrame: sender.mainFrame }, 'x', new Uint8Array([1]))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    sender.mainFrame.url = 'app://bundle/index.html';
    fake.core.userOf.mockReturnValueOnce(null);
    expect(await upload({ sender, senderFrame: sender.mainFrame }, 'x', new Uint8Array([1]))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await upload({ sender, senderFrame: sender.mainFrame }, 'x', 'not bytes')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fake.core.transfers.saveUploadBytes).toHaveBeenCalledTimes(1);
  });

  it('opens a produced file from a temporary copy in the system program, and refuses untrusted frames', async () => {
    const { e, sender } = await ipc();
    const src = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'open-')), 'doc.docx');
    fs.writeFileSync(src, 'docx');
    fake.core.transfers.download.mockReturnValue({ path: src, name: '行政检查通知书.docx', bytes: 4, mime: 'x' });
    e.app.getPath.mockImplementation((name: string) => (name === 'temp' ? os.tmpdir() : `/fake/${name}`));
    const open = e.ipcHandlers.get(IPC_OPEN_FILE)!;
    expect(await open({ sender, senderFrame: { url: 'app://bundle/index.html' } }, 'abc')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(e.electron.shell.openPath).not.toHaveBeenCalled();
    expect(await open({ sender, senderFrame: sender.mainFrame }, 'abc')).toEqual({ ok: true, value: { opened: true } });
    const opened = e.electron.shell.openPath.mock.calls[0]?.[0] ?? '';
    expect(path.basename(opened)).toBe('行政检查通知书.docx');
    expect(opened).not.toBe(src);
    expect(fs.readFileSync(opened, 'utf8')).toBe('docx');
    e.electron.shell.openPath.mockResolvedValueOnce('No application is associated');
    expect(await open({ sender, senderFrame: sender.mainFrame }, 'abc')).toMatchObject({ ok: false, error: { message: expect.stringContaining('Word 或 WPS') } });
  });

  it('refuses a download request from an untrusted frame before touching files', async () => {
    const { e, sender } = await ipc();
    const download = e.ipcHandlers.get(IPC_DOWNLOAD)!;
    const res = await download({ sender, senderFrame: { url: 'app://bundle/index.html' } }, 'abc');
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fake.core.transfers.download).not.toHaveBeenCalled();
  });

  it('rejects a non-string route without dispatching', async () => {
    const { sender, call } = await ipc();
    const res = await call({ sender, senderFrame: sender.mainFrame }, { evil: true }, {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fake.core.dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into an INTERNAL envelope', async () => {
    const { sender, call } = await ipc();
    fake.core.dispatch.mockRejectedValueOnce(new Error('boom'));
    await expect(call({ sender, senderFrame: sender.mainFrame }, 'x', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

describe('lifecycle', () => {
  it('ends the window session when its webContents is destroyed', async () => {
    const e = await boot();
    const win = e.windows[0]!;
    win.contentsEvents.emit('destroyed');
    expect(fake.core.endSession).toHaveBeenCalledExactlyOnceWith(`wc:${win.webContents.id}`);
  });

  it('broadcasts job progress to app windows only', async () => {
    const e = await boot();
    const ours = e.windows[0]!;
    const stray = new e.electron.BrowserWindow({});
    stray.url = 'https://evil.example/';
    const job = { id: 'j1', status: 'running' } as JobEvent;
    fake.emitProgress(job);
    expect(ours.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_JOB_PROGRESS, job);
    expect(stray.webContents.send).not.toHaveBeenCalled();
  });

  it('focuses the existing window on a second instance', async () => {
    const e = await boot();
    e.appEvents.emit('second-instance', {}, ['inspectdesk'], '/');
    expect(e.windows[0]!.restore).toHaveBeenCalled();
    expect(e.windows[0]!.focus).toHaveBeenCalled();
    expect(e.windows).toHaveLength(1);
  });

  it('closes the archive and quits when the last window closes', async () => {
    const e = await boot();
    e.appEvents.emit('window-all-closed');
    expect(e.app.quit).toHaveBeenCalled();
    expect(fake.unsubscribe).toHaveBeenCalled();
    expect(fake.core.close).toHaveBeenCalledTimes(1);
  });

  it('holds will-quit until close() has finished, then quits once more', async () => {
    const e = await boot();
    let finish: () => void = () => undefined;
    fake.core.close.mockImplementationOnce(() => new Promise<undefined>((r) => (finish = () => r(undefined))));
    const preventDefault = vi.fn();
    e.appEvents.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(e.app.quit).not.toHaveBeenCalled();
    finish();
    await flush();
    expect(e.app.quit).toHaveBeenCalledTimes(1);
    // The second will-quit goes through; close() is not called again.
    const again = vi.fn();
    e.appEvents.emit('will-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
    expect(fake.core.close).toHaveBeenCalledTimes(1);
  });
});

describe('startup failure', () => {
  it('shows the Chinese error and quits when createApp throws', async () => {
    const message = '该数据目录正被另一个 InspectDesk 程序使用（进程 42）：/data。请先关闭它。';
    h.createApp.mockImplementation(() => {
      throw new Error(message);
    });
    const e = await boot();
    expect(e.electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('InspectDesk 无法启动', message);
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.windows).toHaveLength(0);
    expect(e.ipcHandlers.size).toBe(0);
    expect(e.electron.protocol.handle).not.toHaveBeenCalled();
  });
});
