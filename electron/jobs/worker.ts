/**
 * Worker-thread entry: runs one job and reports progress to the main thread. Bundled as
 * dist/electron/worker.js; tests run the .ts source through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { JobCancelled, type Task, type TaskIO, type WorkerInput, type WorkerMessage } from './protocol';
import { backupTask } from './tasks/backup';
import { demoTask } from './tasks/demo';
import { exportEnterprisesTask, importPreviewTask, importRunTask } from './tasks/exchange';
import { fixityTask } from './tasks/fixity';
import { archiveBackupTask, restoreBackupTask, verifyBackupTask } from './tasks/archiveBackup';
import { bundleExportTask } from './tasks/bundleExport';
import { bundleImportTask } from './tasks/bundleImport';
import { documentsBatchTask } from './tasks/documents';

const TASKS: Record<WorkerInput['kind'], Task> = {
  backup: backupTask,
  'demo.load': demoTask,
  'import.preview': importPreviewTask,
  'import.run': importRunTask,
  'export.enterprises': exportEnterprisesTask,
  'archive.fixity': fixityTask,
  'archive.backup': archiveBackupTask,
  'archive.verifyBackup': verifyBackupTask,
  'archive.restore': restoreBackupTask,
  'bundle.export': bundleExportTask,
  'bundle.check': bundleImportTask,
  'bundle.import': bundleImportTask,
  'documents.batch': documentsBatchTask,
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
    const result = await TASKS[input.kind](input, io);
    post({ type: 'done', result });
  } catch (e) {
    if (e instanceof JobCancelled) post({ type: 'cancelled' });
    else if (e instanceof AppError) post({ type: 'error', message: e.message });
    else post({ type: 'error', message: `任务失败：${e instanceof Error ? e.message : String(e)}` });
  }
}

void run(workerData as WorkerInput);
