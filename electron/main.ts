/**
 * Electron main process: lifecycle and wiring only.
 *
 * Every security decision lives in security.ts (pure, unit-tested) and every business rule in
 * createApp (shared with browser mode); this file connects them to the real Electron objects.
 * Bundled by esbuild to dist/electron/main.js, so __dirname is dist/electron at runtime.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_DOWNLOAD, IPC_JOB_PROGRESS, IPC_OPEN_FILE, IPC_UPLOAD, type Result, type UploadInfo } from '../shared/api';
import { createApp, type App } from './app';
import { followMove } from './dataDir';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  createAppProtocolHandler,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  windowOptions,
} from './security';

const STARTUP_ERROR_TITLE = 'InspectDesk 无法启动';

/**
 * `--data-dir=<path>` (or `--data-dir <path>`, as browser mode accepts) wins over
 * INSPECTDESK_DATA_DIR; null means "use userData".
 */
function explicitDataDir(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  const flag = '--data-dir';
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
    else if (a === flag) value = argv[i + 1];
  });
  value ??= env.INSPECTDESK_DATA_DIR;
  return value ? path.resolve(value) : null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Envelope for calls that never reach createApp's dispatcher. */
function refuse(code: 'FORBIDDEN' | 'INVALID_INPUT' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

// ---- Before 'ready': these calls are ignored or throw once the app is ready. ----

// `standard` gives app://bundle/ real origin semantics (relative URLs, localStorage),
// `secure` makes it a secure context, `supportFetchAPI` lets the renderer fetch its own assets.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer is sandboxed, even one created with a careless option elsewhere.
app.enableSandbox();

const dataDirOverride = explicitDataDir(process.argv, process.env);
if (dataDirOverride) {
  // The single-instance lock and the Chromium profile are keyed by userData. Giving each
  // explicit data dir its own profile lets tests (and a second archive) run side by side while
  // two windows on the *same* data dir are still refused. The profile stays under the normal
  // userData so an unwritable data dir reaches createApp and its Chinese error, not Chromium.
  const tag = createHash('sha256').update(dataDirOverride).digest('hex').slice(0, 16);
  app.setPath('userData', path.join(app.getPath('userData'), 'instances', tag));
}
// After a whole-archive restore the old directory points at the restored copy (dataDir.ts).
const moved = followMove(dataDirOverride ?? app.getPath('userData'));
if (moved.note) console.log(moved.note);
const dataDir = moved.dir;

let core: App | null = null;
let mainWindow: BrowserWindow | null = null;
let stopProgress: (() => void) | null = null;

/** Longest wait for jobs and the database to close before quitting anyway. */
const CLOSE_TIMEOUT_MS = 15_000;
let closing: Promise<void> | null = null;
let closed = false;

/** Stops jobs and closes the database once; every quit path awaits the same promise. */
function shutdown(): Promise<void> {
  if (!closing) {
    const current = core;
    core = null;
    stopProgress?.();
    stopProgress = null;
    closing = current
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            console.error('InspectDesk: close timed out, quitting anyway');
            resolve();
          }, CLOSE_TIMEOUT_MS);
          timer.unref();
          current
            .close()
            .catch((err: unknown) => console.error('InspectDesk: close failed', err))
            .finally(() => {
              clearTimeout(timer);
              resolve();
            });
        })
      : Promise.resolve();
  }
  return closing;
}

/** Every IPC handler starts here: only our own app://bundle main frame may talk to the core. */
function trustedCore(event: IpcMainInvokeEvent): App | Result<never> {
  const frame = event.senderFrame;
  if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
    return refuse('FORBIDDEN', '拒绝访问：请求不是来自 InspectDesk 主窗口');
  }
  if (!core) return refuse('INTERNAL', 'InspectDesk 正在关闭，请稍后重试');
  return core;
}

function isEnvelope(x: App | Result<never>): x is Result<never> {
  return 'ok' in x;
}

/** The IPC entry point: sender check first, then the route name, then createApp's dispatcher. */
async function handleCall(event: IpcMainInvokeEvent, route: unknown, input: unknown): Promise<Result<unknown>> {
  const owner = trustedCore(event);
  if (isEnvelope(owner)) return owner;
  if (typeof route !== 'string') return refuse('INVALID_INPUT', '请求格式不正确：缺少接口名称');
  try {
    return await owner.dispatch(route, input, { sessionKey: `wc:${event.sender.id}` });
  } catch (err) {
    // dispatch answers with envelopes; a throw here is a bug, but the renderer still gets one.
    console.error('InspectDesk: dispatch threw', err);
    return refuse('INTERNAL', `内部错误：${messageOf(err)}`);
  }
}

/** A file the user chose in the page: stored by the core, answered with its id. */
async function handleUpload(event: IpcMainInvokeEvent, name: unknown, bytes: unknown): Promise<Result<UploadInfo>> {
  const owner = trustedCore(event);
  if (isEnvelope(owner)) return owner;
  if (!owner.userOf(`wc:${event.sender.id}`)) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
  if (typeof name !== 'string' || !(bytes instanceof Uint8Array)) return refuse('INVALID_INPUT', '请求格式不正确：缺少文件');
  try {
    return { ok: true, value: owner.transfers.saveUploadBytes(name, bytes) };
  } catch (err) {
    return refuse('INVALID_INPUT', messageOf(err));
  }
}

/** A file the core produced: the user picks where it goes in the native save dialog. */
async function handleDownload(event: IpcMainInvokeEvent, id: unknown): Promise<Result<{ saved: boolean; path?: string }>> {
  const owner = trustedCore(event);
  if (isEnvelope(owner)) return owner;
  if (!owner.userOf(`wc:${event.sender.id}`)) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
  if (typeof id !== 'string') return refuse('INVALID_INPUT', '请求格式不正确：缺少文件编号');
  try {
    const file = owner.transfers.download(id);
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: path.join(app.getPath('documents'), file.name) };
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
    // Copy to a temporary name beside the target, then rename: never a half-written file.
    const partial = `${choice.filePath}.partial`;
    await fs.promises.copyFile(file.path, partial);
    await fs.promises.rename(partial, choice.filePath);
    return { ok: true, value: { saved: true, path: choice.filePath } };
  } catch (err) {
    return refuse('INTERNAL', `文件未能保存：${messageOf(err)}`);
  }
}

/**
 * A produced file opened in the system's program (Word/WPS for .docx): copied to a fresh temporary
 * folder first, so the archive's own copy is never edited. Only files the app offered by id.
 */
async function handleOpenFile(event: IpcMainInvokeEvent, id: unknown): Promise<Result<{ opened: boolean }>> {
  const owner = trustedCore(event);
  if (isEnvelope(owner)) return owner;
  if (!owner.userOf(`wc:${event.sender.id}`)) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
  if (typeof id !== 'string') return refuse('INVALID_INPUT', '请求格式不正确：缺少文件编号');
  try {
    const file = owner.transfers.download(id);
    const dir = await fs.promises.mkdtemp(path.join(app.getPath('temp'), 'InspectDesk-'));
    const copy = path.join(dir, file.name);
    await fs.promises.copyFile(file.path, copy);
    const problem = await shell.openPath(copy);
    return problem ? refuse('INTERNAL', `无法用系统程序打开：${problem}（请确认已安装 Word 或 WPS）`) : { ok: true, value: { opened: true } };
  } catch (err) {
    return refuse('INTERNAL', `文件未能打开：${messageOf(err)}`);
  }
}

function createWindow(owner: App): BrowserWindow {
  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.js')));
  // Captured now: webContents.id cannot be read any more once it is destroyed.
  const sessionKey = `wc:${win.webContents.id}`;
  win.webContents.on('destroyed', () => owner.endSession(sessionKey));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_INDEX_URL).catch((err: unknown) => console.error('InspectDesk: failed to load UI', err));
  return win;
}

function start(): void {
  hardenSession(session.defaultSession);
  // Packaged builds drop the default menu: its Reload and DevTools entries only help developers.
  if (app.isPackaged) Menu.setApplicationMenu(null);

  let created: App;
  try {
    created = createApp({
      dataDir,
      mode: 'electron',
      appVersion: app.getVersion(),
      workerFile: path.join(__dirname, 'worker.js'),
    });
  } catch (err) {
    // Locked, corrupt, newer-schema or unwritable database: explain in Chinese and leave
    // everything on disk untouched.
    dialog.showErrorBox(STARTUP_ERROR_TITLE, messageOf(err));
    app.quit();
    return;
  }
  core = created;

  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '../renderer')));
  ipcMain.handle(IPC_CALL, handleCall);
  ipcMain.handle(IPC_UPLOAD, handleUpload);
  ipcMain.handle(IPC_DOWNLOAD, handleDownload);
  ipcMain.handle(IPC_OPEN_FILE, handleOpenFile);
  stopProgress = created.onJobProgress((progress) => {
    for (const win of BrowserWindow.getAllWindows()) {
      // Only our own page receives job data, never a window that somehow left the bundle.
      if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) {
        win.webContents.send(IPC_JOB_PROGRESS, progress);
      }
    }
  });
  mainWindow = createWindow(created);
}

if (!app.requestSingleInstanceLock()) {
  // Another InspectDesk owns this data dir; it focuses itself via 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Covers every webContents ever created, including any a future feature adds by mistake.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    void shutdown();
    app.quit();
  });
  // close() is async (it waits for the job worker and checkpoints the WAL): hold the quit
  // until it has finished, then quit for real.
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void shutdown().then(() => {
      closed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(STARTUP_ERROR_TITLE, messageOf(err));
      app.quit();
    });
}
