import fs from 'node:fs';
import path from 'node:path';

/**
 * After a whole-archive restore the office switches to the restored copy on the next start: the
 * restore leaves this pointer file in the old data directory, and start-up follows it. The old
 * directory stays as it was, so the office can switch back by deleting the pointer.
 */
export const MOVED_TO = 'inspectdesk.moved-to';
const DB_FILE = 'inspectdesk.db';

/** Writes the pointer atomically (temporary name, then rename). */
export function pointTo(oldDir: string, newDir: string): void {
  const file = path.join(oldDir, MOVED_TO);
  fs.writeFileSync(`${file}.partial`, `${path.resolve(newDir)}\n`, 'utf8');
  fs.renameSync(`${file}.partial`, file);
}

/**
 * The data directory to open: `dir`, or where its pointer leads (a few hops at most, never in a
 * loop, only to a directory that holds an archive). `note` says what happened, in Chinese.
 */
export function followMove(dir: string): { dir: string; note: string | null } {
  let current = path.resolve(dir);
  const seen = new Set([current]);
  for (let hop = 0; hop < 5; hop++) {
    let target: string;
    try {
      target = fs.readFileSync(path.join(current, MOVED_TO), 'utf8').trim();
    } catch {
      break;
    }
    if (!path.isAbsolute(target) || seen.has(path.resolve(target)) || !fs.existsSync(path.join(target, DB_FILE))) {
      return { dir: current, note: `数据目录 ${current} 中的切换标记指向的位置无效（${target}），仍使用该目录；如不再需要，可删除文件 ${MOVED_TO}` };
    }
    current = path.resolve(target);
    seen.add(current);
  }
  const resolved = path.resolve(dir);
  return { dir: current, note: current === resolved ? null : `已按恢复时的切换标记改用数据目录：${current}（原目录 ${resolved} 未改动）` };
}
