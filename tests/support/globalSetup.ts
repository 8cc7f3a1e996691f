import { build } from 'esbuild';
import path from 'node:path';

/** Bundles the job worker once, as the app does, so tests run the real worker thread. */
export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  await build({
    absWorkingDir: root,
    entryPoints: { worker: 'electron/jobs/worker.ts' },
    outdir: path.join(root, '.tmp/test-dist'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'exceljs'],
    logLevel: 'warning',
  });
}
