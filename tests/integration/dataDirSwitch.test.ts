import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { followMove, MOVED_TO, pointTo } from '../../electron/dataDir';
import { DB_FILE } from '../../electron/app';
import { tempDir } from '../support/app';

function archiveDir(): string {
  const d = tempDir();
  fs.writeFileSync(path.join(d, DB_FILE), '');
  return d;
}

describe('switching to a restored archive on the next start', () => {
  it('follows the pointer a restore leaves in the old directory, and only then', () => {
    const old = archiveDir();
    const restored = archiveDir();
    expect(followMove(old)).toEqual({ dir: old, note: null });
    pointTo(old, restored);
    const r = followMove(old);
    expect(r.dir).toBe(restored);
    expect(r.note).toMatch(/已按恢复时的切换标记改用数据目录/u);
    // Deleting the pointer switches back.
    fs.rmSync(path.join(old, MOVED_TO));
    expect(followMove(old).dir).toBe(old);
  });

  it('ignores a pointer to a place without an archive, or a loop, and says so', () => {
    const a = archiveDir();
    fs.writeFileSync(path.join(a, MOVED_TO), path.join(tempDir(), 'nothing-here'));
    const r = followMove(a);
    expect(r.dir).toBe(a);
    expect(r.note).toMatch(/切换标记指向的位置无效/u);
    const b = archiveDir();
    pointTo(a, b);
    pointTo(b, a);
    expect([a, b]).toContain(followMove(a).dir);
  });

  it('follows a chain of restores', () => {
    const [a, b, c] = [archiveDir(), archiveDir(), archiveDir()];
    pointTo(a, b);
    pointTo(b, c);
    expect(followMove(a).dir).toBe(c);
  });
});
