import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { JobInfo, JobKind } from '../../shared/api';
import { AppError } from '../errors';
import type { WorkerInput, WorkerMessage } from './protocol';

export interface RunnerOptions {
  dbPath: string;
  dataDir: string;
  workerFile: string;
  workerExecArgv?: string[];
  /** Called once a job ends (done, failed or cancelled), e.g. to write the audit log. */
  onFinish?: (job: JobInfo, startedBy: { userId: number; username: string }) => void;
}

interface Running {
  info: JobInfo;
  worker: Worker | null;
  flag: Int32Array;
  startedBy: { userId: number; username: string };
  settled: Promise<JobInfo>;
}

/** Runs long jobs in worker threads, one worker per job, with progress events and cancel. */
export class JobRunner {
  private readonly jobs = new Map<string, Running>();
  private readonly events = new EventEmitter();

  constructor(private readonly opts: RunnerOptions) {
    this.events.setMaxListeners(100);
  }

  onProgress(listener: (job: JobInfo) => void): () => void {
    this.events.on('progress', listener);
    return () => this.events.off('progress', listener);
  }

  isRunning(kind: JobKind): boolean {
    for (const j of this.jobs.values()) if (j.info.kind === kind && j.info.status === 'running') return true;
    return false;
  }

  start(
    kind: JobKind,
    title: string,
    params: Record<string, unknown>,
    startedBy: { userId: number; username: string },
  ): JobInfo {
    if (this.isRunning(kind)) throw new AppError('CONFLICT', `已有一个“${title}”任务正在运行，请等待其完成`);
    const id = randomUUID();
    const cancelFlag = new SharedArrayBuffer(4);
    const info: JobInfo = {
      id,
      kind,
      title,
      status: 'running',
      phase: '准备中',
      done: 0,
      total: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    const input: WorkerInput = { kind, params, dbPath: this.opts.dbPath, dataDir: this.opts.dataDir, cancelFlag };
    const worker = new Worker(this.opts.workerFile, { workerData: input, execArgv: this.opts.workerExecArgv ?? [] });
    let resolveSettled: (j: JobInfo) => void = () => undefined;
    const settled = new Promise<JobInfo>((r) => (resolveSettled = r));
    const job: Running = { info, worker, flag: new Int32Array(cancelFlag), startedBy, settled };
    this.jobs.set(id, job);

    const finish = (patch: Partial<JobInfo>) => {
      if (job.info.status !== 'running') return;
      job.info = { ...job.info, ...patch, finishedAt: new Date().toISOString() };
      job.worker = null;
      this.emit(job.info);
      try {
        this.opts.onFinish?.(job.info, startedBy);
      } finally {
        resolveSettled(job.info);
      }
    };
    worker.on('message', (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'progress':
          job.info = { ...job.info, phase: msg.phase, done: msg.done, total: msg.total };
          this.emit(job.info);
          break;
        case 'done':
          finish({ status: 'done', phase: '完成', done: job.info.total || 1, total: job.info.total || 1, result: msg.result });
          break;
        case 'cancelled':
          finish({ status: 'cancelled', phase: '已取消' });
          break;
        case 'error':
          finish({ status: 'failed', phase: '失败', error: msg.message });
          break;
      }
    });
    worker.on('error', (e) => finish({ status: 'failed', phase: '失败', error: `任务异常终止：${e.message}` }));
    worker.on('exit', (code) => {
      if (job.info.status === 'running') finish({ status: 'failed', phase: '失败', error: `任务进程意外退出（代码 ${code}）` });
    });
    this.emit(info);
    return info;
  }

  get(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('NOT_FOUND', '找不到该后台任务（可能已在程序重启前结束）');
    return job.info;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => j.info).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Asks the job to stop at its next checkpoint; its work is rolled back by the task itself. */
  cancel(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('NOT_FOUND', '找不到该后台任务');
    if (job.info.status === 'running') {
      Atomics.store(job.flag, 0, 1);
      job.info = { ...job.info, phase: '正在取消…' };
      this.emit(job.info);
    }
    return job.info;
  }

  /** Resolves when the job has ended (for tests and shutdown). */
  wait(id: string): Promise<JobInfo> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new AppError('NOT_FOUND', '找不到该后台任务'));
    return job.settled;
  }

  /** Cancels everything still running and waits (bounded) for the workers to roll back. */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.info.status === 'running');
    for (const j of running) Atomics.store(j.flag, 0, 1);
    await Promise.race([Promise.all(running.map((j) => j.settled)), new Promise((r) => setTimeout(r, 5000))]);
    for (const j of running) await j.worker?.terminate();
  }

  private emit(info: JobInfo): void {
    this.events.emit('progress', info);
  }
}
