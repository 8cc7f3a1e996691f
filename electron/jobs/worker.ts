/**
 * Worker-thread entry: runs one job and reports progress to the main thread. Bundled as
 * dist/electron/worker.js (tests bundle it the same way in their global setup). A task may
 * start this file again as a helper thread (documents.batch's builder, import.run's reader).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { JobCancelled, type Task, type TaskIO, type WorkerInput, type WorkerMessage } from './protocol';

/**
 * Each task's modules are loaded only when a job of its kind runs: a worker thread starts per job,
 * and loading every task up front (exceljs alone takes ~0.2 s, the pinyin tables and the other
 * tasks' schemas more) cost ~0.4 s before any work began — paid twice by a documents batch, whose
 * helper thread is this file too. (esbuild bundles each `import()` in place and runs that part of
 * the bundle on the first call.)
 */
const TASKS: Record<WorkerInput['kind'], () => Promise<Task>> = {
  backup: () => import('./tasks/backup').then((m) => m.backupTask),
  'demo.load': () => import('./tasks/demo').then((m) => m.demoTask),
  'import.preview': () => import('./tasks/exchange').then((m) => m.importPreviewTask),
  'import.run': () => import('./tasks/exchange').then((m) => m.importRunTask),
  'export.enterprises': () => import('./tasks/exchange').then((m) => m.exportEnterprisesTask),
  'archive.fixity': () => import('./tasks/fixity').then((m) => m.fixityTask),
  'archive.backup': () => import('./tasks/archiveBackup').then((m) => m.archiveBackupTask),
  'archive.verifyBackup': () => import('./tasks/archiveBackup').then((m) => m.verifyBackupTask),
  'archive.restore': () => import('./tasks/archiveBackup').then((m) => m.restoreBackupTask),
  'bundle.export': () => import('./tasks/bundleExport').then((m) => m.bundleExportTask),
  'bundle.check': () => import('./tasks/bundleImport').then((m) => m.bundleImportTask),
  'bundle.import': () => import('./tasks/bundleImport').then((m) => m.bundleImportTask),
  'documents.batch': () => import('./tasks/documents').then((m) => m.documentsBatchTask),
};

function post(msg: WorkerMessage): void {
  parentPort?.postMessage(msg);
}

async function run(input: WorkerInput): Promise<void> {
  const flag = new Int32Array(input.cancelFlag);
  let lastPost = 0;
  const io: TaskIO = {
    progress(phase, done, total) {
      const now = Date.now();
      // At most ~20 updates a second: enough for a smooth bar, cheap for the UI.
      if (now - lastPost >= 50 || done >= total) {
        lastPost = now;
        post({ type: 'progress', phase, done, total });
      }
    },
    checkCancelled() {
      if (Atomics.load(flag, 0) === 1) throw new JobCancelled();
    },
  };
  try {
    const task = await TASKS[input.kind]();
    const result = await task(input, io);
    post({ type: 'done', result });
  } catch (e) {
    if (e instanceof JobCancelled) post({ type: 'cancelled' });
    else if (e instanceof AppError) post({ type: 'error', message: e.message });
    else post({ type: 'error', message: `任务失败：${e instanceof Error ? e.message : String(e)}` });
  }
}

void run(workerData as WorkerInput);
