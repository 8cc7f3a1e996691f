import Database from 'better-sqlite3';
import os from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { inspectionDocumentKindSchema } from '../../../shared/api/documents';
import { configure } from '../../db/database';
import { FileStore } from '../../files/store';
import { Transfers } from '../../files/transfers';
import { localLane, runBatch, type BuildItem, type Built, type Lane } from '../../services/documents/batchRun';
import type { Task, WorkerInput } from '../protocol';

/**
 * documents.batch: generates one kind for many inspections into a zip (services/documents/
 * batchRun.ts) on every core: the job's thread reads the database, hands out the work, builds,
 * zips and registers; one helper thread per further core — this same worker file, started with
 * `role: 'helper'` — builds and stores. (Measured on 2 vCPUs: the job's thread building full time
 * beside one helper beats two helpers and an idle coordinator by ~6 %: a thread less to start.)
 */

/** Threads that build: one per core (2 on the reference machine; offices' PCs have 2–8), at most 4. */
const BUILD_THREADS = Math.max(2, Math.min(4, os.availableParallelism()));

type ToHelper = { type: 'build'; id: number; items: BuildItem[]; secret: string | undefined } | { type: 'flush'; id: number };
type FromHelper = { type: 'built'; id: number; results: Built[] } | { type: 'buildFailed'; id: number; message: string };

/** Helper side: builds what it is sent until the job terminates it. */
function serveAsHelper(input: WorkerInput): Promise<Record<string, unknown>> {
  const lane = localLane(new FileStore(input.dataDir));
  const port = parentPort;
  if (!port) throw new Error('helper started outside a worker thread');
  port.on('message', (m: ToHelper) => {
    const work = m?.type === 'build' ? lane.build(m.items, m.secret) : m?.type === 'flush' ? lane.flush().then(() => []) : null;
    if (!work) return;
    work.then(
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
    // Building a document allocates a lot of short-lived objects: a larger nursery, fewer scavenges.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
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
  const ask = (msg: ToHelper) =>
    new Promise<Built[]>((resolve, reject) => {
      pending.set(msg.id, { resolve, reject });
      worker.postMessage(msg);
    });
  return {
    lane: {
      build: (items, secret) => ask({ type: 'build', id: ++seq, items, secret }),
      flush: () => ask({ type: 'flush', id: ++seq }).then(() => undefined),
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
  const helpers = Array.from({ length: BUILD_THREADS - 1 }, () => helperLane(input));
  const db = new Database(input.dbPath, { fileMustExist: true });
  configure(db);
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
      // This thread one document at a time (it answers the helpers in between); the helpers a few
      // per request, two requests in flight each, so they never wait on this thread.
      [
        { lane: localLane(new FileStore(input.dataDir)), chunk: 1, thread: 0 },
        ...helpers.flatMap((h, i) => [
          { lane: h.lane, chunk: 3, thread: i + 1 },
          { lane: h.lane, chunk: 3, thread: i + 1 },
        ]),
      ],
    );
    return result;
  } finally {
    await Promise.all(helpers.map((h) => h.stop()));
    db.close();
  }
};
