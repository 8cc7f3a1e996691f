import type { JobKind } from '../../shared/api';

/** What the main thread hands a worker. */
export interface WorkerInput {
  kind: JobKind;
  params: Record<string, unknown>;
  dbPath: string;
  dataDir: string;
  /** Int32Array view over it: [0] becomes 1 when the user cancels. */
  cancelFlag: SharedArrayBuffer;
}

/** What a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

/** Given to a task: report progress, and ask whether the user cancelled. */
export interface TaskIO {
  progress(phase: string, done: number, total: number): void;
  /** Throws `JobCancelled` when the user has cancelled; call it between chunks of work. */
  checkCancelled(): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('任务已取消');
    this.name = 'JobCancelled';
  }
}

export type Task = (input: WorkerInput, io: TaskIO) => Promise<Record<string, unknown>> | Record<string, unknown>;
