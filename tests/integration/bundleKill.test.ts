import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../electron/bundle/read';
import { NOOP_IO, removeTempDirs, tempDir } from '../unit/bundle/fixtures';

afterAll(removeTempDirs);

/**
 * A writer killed with SIGKILL half-way (power cut, task manager) must never leave a file under
 * the final name: whatever is on disk is "<target>.partial", and even that is refused on import.
 */
describe('writeBundle killed with SIGKILL mid-write', () => {
  it('leaves no file under the final name', async () => {
    const dir = tempDir('bundle-kill-');
    const target = path.join(dir, '数据包.zip');
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../unit/bundle/writeChild.ts'), path.join(dir, 'store'), target], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const seen: { done?: number; total?: number; finished?: boolean }[] = [];
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) {
        const p = JSON.parse(l) as { done?: number; total?: number; finished?: boolean };
        seen.push(p);
        // The first report is manifest.json only; kill once file bytes are streaming.
        if (seen.length >= 2 && (p.done ?? 0) < (p.total ?? 0)) child.kill('SIGKILL');
      }
    });
    const { signal } = await exited;
    expect(signal, `child was not killed; stderr: ${stderr}`).toBe('SIGKILL');
    expect(seen.some((p) => p.finished)).toBe(false);
    expect(fs.existsSync(target)).toBe(false);
    // What the killed writer left is the partial file, and an importer handed it refuses it.
    expect(fs.readdirSync(dir).filter((n) => n !== 'store')).toEqual(['数据包.zip.partial']);
    await expect(verifyBundle(`${target}.partial`, NOOP_IO)).rejects.toMatchObject({ problem: 'ZIP_TRUNCATED' });
  });
});
