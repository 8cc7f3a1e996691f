// Builds the renderer (vite) and the main-process entries (esbuild) into dist/.
// better-sqlite3 and electron stay external: one is a native addon, the other the runtime.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const t0 = Date.now();

await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // exceljs stays in node_modules: bundled, its Buffer() calls trip Node's DEP0005 warning.
  external: ['electron', 'better-sqlite3', 'exceljs'],
  absWorkingDir: root,
};
await esbuild({
  ...common,
  entryPoints: {
    main: 'electron/main.ts',
    serve: 'electron/serve.ts',
    worker: 'electron/jobs/worker.ts',
  },
  outdir: 'dist/electron',
});
// The sandboxed preload may only require 'electron': bundle everything else into it.
await esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', target: 'chrome120' });

if (!quiet) console.log(`构建完成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：dist/renderer, dist/electron`);
