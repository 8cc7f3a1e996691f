import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_DOWNLOAD, IPC_JOB_PROGRESS, IPC_OPEN_FILE, IPC_UPLOAD, type Bridge, type JobEvent } from '../../../shared/api';

const h = await vi.hoisted(async () => {
  // A real EventEmitter so on/removeListener behave like ipcRenderer's.
  const { EventEmitter } = await import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'pong' })),
  });
  const exposeInMainWorld = vi.fn();
  return { ipcRenderer, exposeInMainWorld };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: h.exposeInMainWorld },
  ipcRenderer: h.ipcRenderer,
}));

const job: JobEvent = {
  id: 'j1',
  kind: 'backup',
  title: '备份',
  status: 'running',
  phase: '复制',
  done: 1,
  total: 3,
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
  error: null,
  result: null,
};

let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/preload');
  expect(h.exposeInMainWorld).toHaveBeenCalledTimes(1);
  bridge = h.exposeInMainWorld.mock.calls[0]?.[1] as Bridge;
});

describe('preload', () => {
  it("exposes exactly { call, onJobProgress, upload, download, openFile } as window.inspectdesk", () => {
    const [key, api] = h.exposeInMainWorld.mock.calls[0] ?? [];
    expect(key).toBe('inspectdesk');
    expect(Object.keys(api as object).sort()).toEqual(['call', 'download', 'onJobProgress', 'openFile', 'upload']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.onJobProgress).toBe('function');
    // No ipcRenderer (or anything carrying it) leaks through.
    expect(Object.values(api as object)).not.toContain(h.ipcRenderer);
  });

  it('call forwards route and input to ipcRenderer.invoke on IPC_CALL', async () => {
    const input = { username: 'admin' };
    await expect(bridge.call('auth.login', input)).resolves.toEqual({ ok: true, value: 'pong' });
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CALL, 'auth.login', input);
    expect(IPC_CALL).toBe('inspectdesk:call');
  });

  it('upload and download forward to their own channels only', async () => {
    const bytes = new Uint8Array([1, 2]);
    await bridge.upload('名录.xlsx', bytes);
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_UPLOAD, '名录.xlsx', bytes);
    await bridge.download('abc');
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_DOWNLOAD, 'abc');
    await bridge.openFile('abc');
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_OPEN_FILE, 'abc');
  });

  it('delivers job progress without the IpcRendererEvent', () => {
    const listener = vi.fn();
    const off = bridge.onJobProgress(listener);
    const fakeEvent = { sender: h.ipcRenderer, senderId: 0, ports: [] };
    h.ipcRenderer.emit(IPC_JOB_PROGRESS, fakeEvent, job);
    expect(listener).toHaveBeenCalledTimes(1);
    // Exactly one argument, and it is the payload, not the event.
    expect(listener.mock.calls[0]).toEqual([job]);
    off();
  });

  it('unsubscribe removes exactly its own wrapper', () => {
    const a = vi.fn();
    const b = vi.fn();
    const before = h.ipcRenderer.listenerCount(IPC_JOB_PROGRESS);
    const offA = bridge.onJobProgress(a);
    const offB = bridge.onJobProgress(b);
    const offA2 = bridge.onJobProgress(a); // the same callback subscribed twice
    expect(h.ipcRenderer.listenerCount(IPC_JOB_PROGRESS)).toBe(before + 3);

    offA();
    h.ipcRenderer.emit(IPC_JOB_PROGRESS, {}, job);
    expect(a).toHaveBeenCalledTimes(1); // still subscribed once through offA2
    expect(b).toHaveBeenCalledTimes(1);

    offA(); // a second call is harmless
    offB();
    offA2();
    expect(h.ipcRenderer.listenerCount(IPC_JOB_PROGRESS)).toBe(before);
    h.ipcRenderer.emit(IPC_JOB_PROGRESS, {}, job);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
  });
});

describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron (sandboxed preload)', async () => {
    const result = await build({
      entryPoints: [path.resolve(__dirname, '../../../electron/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/gu)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    // zod and the route table must stay out: the constants are inlined from bridge.ts.
    expect(code).not.toMatch(/zod|ZodError/u);
    expect(code).toContain('inspectdesk:call');
    expect(code).toContain('inspectdesk:job-progress');
  });
});
