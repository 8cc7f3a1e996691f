/**
 * Browser mode: `node dist/electron/serve.js [--data-dir DIR] [--port N]`. Serves the built
 * renderer and the contract on 127.0.0.1 and prints the URL with its per-launch token.
 */
import os from 'node:os';
import path from 'node:path';
import { createApp } from './app';
import { followMove } from './dataDir';
import { AppError } from './errors';
import { startHost } from './host/server';
import { version as pkgVersion } from '../package.json';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Where the archive lives when nothing is given: the same place Electron's userData would be. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'InspectDesk');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'InspectDesk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'InspectDesk');
}

async function main(): Promise<void> {
  const moved = followMove(arg('data-dir') ?? process.env.INSPECTDESK_DATA_DIR ?? defaultDataDir());
  if (moved.note) console.log(moved.note);
  const dataDir = moved.dir;
  const portArg = arg('port') ?? process.env.INSPECTDESK_PORT;
  const port = portArg === undefined ? 0 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', `端口号不正确：${portArg}`);
  // INSPECTDESK_DEMO_ROW_DELAY_MS slows the demo load so its progress bar can be watched (tests, demos).
  const delay = Number(process.env.INSPECTDESK_DEMO_ROW_DELAY_MS ?? '0');
  const app = createApp({
    dataDir,
    mode: 'browser',
    appVersion: pkgVersion,
    workerFile: path.join(__dirname, 'worker.js'),
    demoRowDelayMs: Number.isFinite(delay) && delay > 0 ? Math.min(delay, 100) : 0,
  });
  const host = await startHost({ app, rendererDir: path.join(__dirname, '..', 'renderer'), port });
  // The test harness and users read this line: keep its shape.
  console.log(`InspectDesk 浏览器模式已启动（数据目录：${app.dataDir}）`);
  console.log(`请在浏览器中打开：${host.url}?token=${host.token}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => app.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`InspectDesk 无法启动：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
