// postinstall: fetch the Electron binary where the network allows it, and never fail the
// install where it does not (offline offices, this CI). npm's allowScripts keeps electron's
// own postinstall from running, so this is the one place the download is attempted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

if (electronBinary()) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('已跳过 Electron 可执行文件下载（ELECTRON_SKIP_BINARY_DOWNLOAD）：npm start 将以浏览器模式运行。');
  process.exit(0);
}
let installJs;
try {
  installJs = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0);
}
if (!fs.existsSync(installJs)) process.exit(0);
const r = spawnSync(process.execPath, [installJs], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000, encoding: 'utf8' });
if (r.status === 0 && electronBinary()) {
  console.log('已下载 Electron 可执行文件。');
} else {
  const reason = (r.stderr || '').split('\n').find((l) => /Error|ENOTFOUND|ECONN|timed out/iu.test(l)) ?? '';
  console.log(`无法下载 Electron 可执行文件（${reason.trim().slice(0, 120) || '无网络'}）：npm start 将以浏览器模式运行。`);
}
process.exit(0);
