/**
 * Child process for the kill -9 test: `node --import tsx tests/unit/bundle/writeChild.ts <dataDir> <target>`.
 * Fills a store with 48 MiB, then writes a bundle slowly (a 5 ms pause per chunk, so the test
 * has time to kill it mid-write) and prints each progress report as a JSON line.
 */
import { randomBytes } from 'node:crypto';
import { writeBundle } from '../../../electron/bundle/write';
import { FileStore } from '../../../electron/files/store';
import { sample } from './fixtures';

async function main(): Promise<void> {
  const [dataDir = '', target = ''] = process.argv.slice(2);
  const { content } = sample(dataDir);
  const store = new FileStore(dataDir);
  const big = Array.from({ length: 6 }, () => store.putBuffer(randomBytes(8 * 1024 * 1024)));
  const photo = content.attachments[0];
  if (!photo) throw new Error('sample has no photo');
  content.attachments = big.map((f, i) => ({ ...photo, sha256: f.sha256, size: f.bytes, name: `现场录像/片段${i + 1}.mp4`, mediaType: 'video/mp4' }));
  // All six clips belong to the one photo record: enough for the schema, which is not under test here.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  await writeBundle(
    target,
    content,
    {
      progress: (phase, done, total) => console.log(JSON.stringify({ phase, done, total })),
      checkCancelled: () => void Atomics.wait(pause, 0, 0, 5),
    },
    { store },
  );
  console.log(JSON.stringify({ finished: true }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
