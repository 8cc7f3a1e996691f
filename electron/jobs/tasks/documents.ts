import Database from 'better-sqlite3';
import { Worker, parentPort } from 'node:worker_threads';
import { inspectionDocumentKindSchema } from '../../../shared/api/documents';
import { configure } from '../../db/database';
import { FileStore } from '../../files/store';
import { Transfers } from '../../files/transfers';
import { localLane, runBatch, type BuildItem, type Built, type Lane } from '../../services/documents/batchRun';
import type { Task, WorkerInput } from '../protocol';

/**
 * documents.batch: generates one kind for many inspections into a zip (services/documents/
 * batchRun.ts). The job's thread maps and builds; a helper thread — this same worker file,
 * started with `role: 'helper'` — builds and stores too, so both cores work.
 */

type ToHelper = { type: 'build'; id: number; items: BuildItem[]; secret: string | undefined };
type FromHelper = { type: 'built'; id: number; results: Built[] } | { type: 'buildFailed'; id: number; message: string };

/** Helper side: builds what it is sent until the job terminates it. */
function serveAsHelper(input: WorkerInput): Promise<Record<string, unknown>> {
  const lane = localLane(new FileStore(input.dataDir));
  const port = parentPort;
  if (!port) throw new Error('helper started outside a worker thread');
  port.on('message', (m: ToHelper) => {
    if (m?.type !== 'build') return;
    lane.build(m.items, m.secret).then(
      (results) => port.postMessage({ type: 'built', id: m.id, results } satisfies FromHelper),
      (e: unknown) => port.postMessage({ type: 'buildFailed', id: m.id, message: e instanceof Error ? e.message : String(e) } satisfies FromHelper),
    );
  });
  // Never resolves: the job terminates this thread when the batch is over.
  return new Promise(() => undefined);
}

/** Job side: a Lane backed by the helper thread. */
function helperLane(input: WorkerInput): { lane: Lane; stop(): Promise<void> } {
  const worker = new Worker(__filename, {
    workerData: { ...input, params: { role: 'helper' } } satisfies WorkerInput,
  });
  const pending = new Map<number, { resolve(b: Built[]): void; reject(e: Error): void }>();
  let seq = 0;
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: FromHelper | { type: string }) => {
    if (m.type === 'built' || m.type === 'buildFailed') {
      const r = m as FromHelper;
      const p = pending.get(r.id);
      pending.delete(r.id);
      if (r.type === 'built') p?.resolve(r.results);
      else p?.reject(new Error(r.message));
    } else if (m.type === 'error') {
      failAll(new Error('第二个生成线程出错'));
    }
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', () => failAll(new Error('第二个生成线程已退出')));
  return {
    lane: {
      build(items, secret) {
        const id = ++seq;
        return new Promise<Built[]>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ type: 'build', id, items, secret } satisfies ToHelper);
        });
      },
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

export const documentsBatchTask: Task = async (input, io) => {
  const p = input.params;
  if (p.role === 'helper') return serveAsHelper(input);
  const kind = inspectionDocumentKindSchema.parse(p.kind);
  const ids = Array.isArray(p.inspectionIds) ? p.inspectionIds.filter((x): x is number => Number.isInteger(x)) : [];
  const helper = helperLane(input);
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
  const pending: Promise<void>[] = [];
  try {
    const result = await runBatch(
      db,
      new Transfers(input.dataDir),
      {
        kind,
        inspectionIds: ids,
        at: typeof p.at === 'string' ? p.at : new Date().toISOString(),
        userId: typeof p.userId === 'number' ? p.userId : null,
        username: typeof p.username === 'string' ? p.username : null,
      },
      io,
      // The helper gets a few at a time, two requests in flight so it never waits on this thread.
      [
        { lane: localLane(new FileStore(input.dataDir), pending), chunk: 1, thread: 'main' },
        { lane: helper.lane, chunk: 4, thread: 'helper' },
        { lane: helper.lane, chunk: 4, thread: 'helper' },
      ],
      pending,
    );
    return result;
  } finally {
    await helper.stop();
    db.close();
  }
};
