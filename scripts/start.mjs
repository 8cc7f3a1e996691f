// npm start: the Electron app where its binary exists; otherwise one clear line and the same
// app in browser mode. Extra arguments (e.g. --data-dir DIR) are passed through.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const bin = electronBinary();
const child = bin
  ? spawn(bin, [root, ...args], { stdio: 'inherit' })
  : (console.log('未找到 Electron 可执行文件（安装时无法下载），改为浏览器模式启动：'),
    spawn(process.execPath, [path.join(root, 'dist', 'electron', 'serve.js'), ...args], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
