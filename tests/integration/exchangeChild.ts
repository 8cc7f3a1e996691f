/**
 * Child process of the kill -9 tests (exchangeFaults.test.ts):
 *   node --import tsx tests/integration/exchangeChild.ts <export|import|backup> <dataDir> <path>
 * runs one archive operation against a real data directory with a slowed TaskIO (each
 * checkCancelled pauses) and prints every progress report as a JSON line, so the test can kill
 * it with SIGKILL at a chosen moment.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { writeBundle } from '../../electron/bundle/write';
import { configure } from '../../electron/db/database';
import { FileStore } from '../../electron/files/store';
import type { TaskIO } from '../../electron/jobs/protocol';
import { backupArchive } from '../../electron/services/archive/backup';
import { buildBundle } from '../../electron/services/archive/exportBundle';
import { importBundle } from '../../electron/services/archive/importBundle';

const pause = new Int32Array(new SharedArrayBuffer(4));
let phase = '';
const io: TaskIO = {
  progress: (p, done, total) => {
    phase = p;
    console.log(JSON.stringify({ phase: p, done, total }));
  },
  // Slow enough to be killed in the middle; slowest inside the import's transaction.
  checkCancelled: () => void Atomics.wait(pause, 0, 0, phase === '合并记录' ? 300 : 4),
};

async function main(): Promise<void> {
  const [op = '', dataDir = '', target = ''] = process.argv.slice(2);
  const dbPath = path.join(dataDir, 'inspectdesk.db');
  if (op === 'backup') {
    await backupArchive({ dbPath, dataDir, targetDir: target, auto: false, keep: 1, io, now: new Date(), appVersion: 'child' });
  } else {
    const db = new Database(dbPath, { fileMustExist: true });
    configure(db);
    const store = new FileStore(dataDir);
    if (op === 'export') {
      const built = buildBundle(db, { from: '2000-01-01', to: '2999-12-31' }, { now: new Date(), appVersion: 'child', io, store });
      await writeBundle(target, built.content, io, { store });
    } else if (op === 'import') {
      await importBundle({ db, files: store, zipPath: target, fileName: path.basename(target), dryRun: false, importer: { id: 1, username: 'admin', displayName: '管理员' }, now: new Date(), io });
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    db.close();
  }
  console.log(JSON.stringify({ finished: true }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
