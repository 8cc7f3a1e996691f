import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../electron/bundle/errors';
import { readBundle, verifyBundle, DEFAULT_LIMITS, type BundleLimits } from '../../electron/bundle/read';
import type { BundleProblem } from '../../shared/schemas/bundle';
import { entry, goodBundle, NOOP_IO, type RawEntry, rawZip, rebag, removeTempDirs, writeTemp } from '../unit/bundle/fixtures';

/**
 * The zip-level refusals: every hostile or broken zip is built for real (by hand, byte by byte,
 * from a good bundle) and must be refused with its machine code and a Chinese message before
 * any content reaches the caller.
 */

afterAll(removeTempDirs);

let good: Awaited<ReturnType<typeof goodBundle>>;
beforeAll(async () => {
  good = await goodBundle();
});

const PHOTO = 'data/attachments/现场照片/仓库入口.jpg';

/** The problem code verifyBundle refuses `zip` with (and its message must be Chinese). */
async function problemOf(zip: Buffer | string, limits?: Partial<BundleLimits>): Promise<BundleProblem | 'OK'> {
  const p = typeof zip === 'string' ? zip : writeTemp(zip);
  try {
    await verifyBundle(p, NOOP_IO, { ...DEFAULT_LIMITS, ...limits });
    return 'OK';
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fff]/u);
    return e.problem;
  }
}

const add = (extra: RawEntry) => (es: RawEntry[]) => [...es, extra];
const at = (base: string, rel: string) => base + rel;

describe('verifyBundle refuses hostile and broken zips', () => {
  it('accepts the good bundle re-packed by the test builder (the control)', async () => {
    expect(await problemOf(good.zip)).toBe('OK');
    expect(await problemOf(rawZip(good.copy()))).toBe('OK');
  });

  const cases: [string, BundleProblem, (es: RawEntry[], base: string) => RawEntry[]][] = [
    ['"../" in a name', 'PATH_TRAVERSAL', (es, b) => add({ name: `${b}../../evil.txt`, data: Buffer.from('x') })(es)],
    ['a name that is only ".."-relative', 'PATH_TRAVERSAL', (es) => add({ name: '../evil.txt', data: Buffer.from('x') })(es)],
    ['an absolute path', 'PATH_TRAVERSAL', (es) => add({ name: '/etc/cron.d/evil', data: Buffer.from('x') })(es)],
    ['a drive letter', 'PATH_TRAVERSAL', (es) => add({ name: 'C:/Windows/evil.dll', data: Buffer.from('x') })(es)],
    ['a drive-relative name', 'PATH_TRAVERSAL', (es) => add({ name: 'C:evil.dll', data: Buffer.from('x') })(es)],
    ['backslashes', 'PATH_TRAVERSAL', (es, b) => add({ name: `${b}data\\..\\..\\evil.txt`, data: Buffer.from('x') })(es)],
    ['a Unix symlink', 'SYMLINK', (es, b) => add({ name: at(b, 'data/attachments/link.jpg'), data: Buffer.from('/etc/passwd'), externalAttrs: (0o120777 << 16) >>> 0 })(es)],
    ['a Windows reparse point', 'SYMLINK', (es, b) => add({ name: at(b, 'data/attachments/j.jpg'), data: Buffer.from('x'), madeBy: 20, externalAttrs: 0x420 })(es)],
    ['a named pipe', 'SYMLINK', (es, b) => add({ name: at(b, 'data/attachments/fifo'), data: Buffer.alloc(0), externalAttrs: (0o010644 << 16) >>> 0 })(es)],
    ['the same path twice', 'DUPLICATE_PATH', (es, b) => add({ ...entry(es, b, PHOTO), data: Buffer.from('other bytes') })(es)],
    ['paths equal ignoring case (Windows)', 'DUPLICATE_PATH', (es, b) => add({ name: at(b, PHOTO.replace('.jpg', '.JPG')), data: Buffer.from('x') })(es)],
    ['paths equal after NFC (macOS)', 'DUPLICATE_PATH', (es, b) => add({ name: at(b, 'data/cafe\u0301.txt'), data: Buffer.from('x') })(add({ name: at(b, 'data/caf\u00e9.txt'), data: Buffer.from('x') })(es))],
    ['a file that is also a folder', 'DUPLICATE_PATH', (es, b) => add({ name: at(b, 'data/attachments/现场照片'), data: Buffer.from('x') })(es)],
    ['a GBK name (not UTF-8)', 'UNSAFE_NAME', (es) => add({ name: Buffer.from([0xcf, 0xd6, 0xb3, 0xa1, 0x2e, 0x6a, 0x70, 0x67]), flags: 0, data: Buffer.from('x') })(es)],
    ['a control character', 'UNSAFE_NAME', (es, b) => add({ name: at(b, 'data/a\u0007b.jpg'), data: Buffer.from('x') })(es)],
    ['a Windows device name', 'UNSAFE_NAME', (es, b) => add({ name: at(b, 'data/attachments/CON.jpg'), data: Buffer.from('x') })(es)],
    ['a trailing dot', 'UNSAFE_NAME', (es, b) => add({ name: at(b, 'data/attachments/x.jpg.'), data: Buffer.from('x') })(es)],
    ['an alternate data stream', 'UNSAFE_NAME', (es, b) => add({ name: at(b, 'data/x.jpg:Zone.Identifier'), data: Buffer.from('x') })(es)],
    // Traditional PKWARE encryption: 12 header bytes before the data, so stored size = size + 12.
    ['an encrypted entry', 'UNSUPPORTED_ENTRY', (es, b) => add({ name: at(b, 'data/secret.bin'), data: Buffer.alloc(13), usize: 1, flags: 0x0801 })(es)],
    ['an unknown compression method', 'UNSUPPORTED_ENTRY', (es, b) => add({ name: at(b, 'data/x.bz2'), data: Buffer.from('x'), method: 12 })(es)],
    ['an extreme compression ratio (zip bomb)', 'ZIP_BOMB', (es, b) => add({ name: at(b, 'data/attachments/bomb.bin'), data: Buffer.alloc(20 * 1024 * 1024), method: 8 })(es)],
    ['overlapping entries (zip bomb)', 'ZIP_BOMB', (es, b) => add({ name: at(b, 'data/attachments/again.jpg'), data: Buffer.from('x'), sameOffsetAs: 0 })(es)],
    [
      'an entry that inflates past its declared size',
      'ZIP_BOMB',
      (es, b) => {
        const e = entry(es, b, PHOTO);
        const size = e.data.length;
        Object.assign(e, { data: Buffer.alloc(3 * 1024 * 1024), method: 8, usize: size });
        return es;
      },
    ],
    ['a local header that names another file', 'ZIP_CORRUPT', (es, b) => (Object.assign(entry(es, b, PHOTO), { localName: Buffer.from(at(b, 'data/attachments/xxxxxxxx/仓库入口.jpg')) }), es)],
    ['a wrong CRC-32', 'ZIP_CORRUPT', (es, b) => (Object.assign(entry(es, b, PHOTO), { crc: 12345 }), es)],
    ['a stored entry whose sizes disagree', 'ZIP_CORRUPT', (es, b) => (Object.assign(entry(es, b, PHOTO), { usize: 5 }), es)],
    ['no bagit.txt', 'BAGIT_INVALID', (es, b) => es.filter((e) => e.name !== `${b}bagit.txt`)],
    ['two top-level folders', 'BAGIT_INVALID', (es) => add({ name: 'other/readme.txt', data: Buffer.from('x') })(es)],
    ['a wrong bagit.txt', 'BAGIT_INVALID', (es, b) => rebag((entry(es, b, 'bagit.txt').data = Buffer.from('BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n'), es), b)],
    ['a wrong Payload-Oxum', 'BAGIT_INVALID', (es, b) => rebag(es, b, { oxum: '1.1' })],
    ['no manifest-sha256.txt', 'BAG_MANIFEST_INVALID', (es, b) => es.filter((e) => e.name !== `${b}manifest-sha256.txt`)],
    ['no tagmanifest-sha256.txt', 'BAG_MANIFEST_INVALID', (es, b) => es.filter((e) => e.name !== `${b}tagmanifest-sha256.txt`)],
    ['a malformed manifest line', 'BAG_MANIFEST_INVALID', (es, b) => ((entry(es, b, 'manifest-sha256.txt').data = Buffer.from('not a checksum  data/x\n')), es)],
    [
      'a payload byte changed',
      'CHECKSUM_MISMATCH',
      (es, b) => {
        const d = entry(es, b, PHOTO).data;
        d.writeUInt8((d[100] ?? 0) ^ 0xff, 100);
        return es;
      },
    ],
    ['a tag file changed (tagmanifest)', 'CHECKSUM_MISMATCH', (es, b) => ((entry(es, b, 'bag-info.txt').data = Buffer.from('Source-Organization: 伪造单位\n')), es)],
    [
      'manifest.json changed after bagging (same length)',
      'CHECKSUM_MISMATCH',
      (es, b) => {
        const m = entry(es, b, 'data/manifest.json');
        m.data = Buffer.from(m.data.toString().replace('湘潭某某食品', '湘谭某某食品'));
        return es;
      },
    ],
    [
      'a wrong checksum in manifest-sha256.txt',
      'CHECKSUM_MISMATCH',
      (es, b) => {
        const m = entry(es, b, 'manifest-sha256.txt');
        m.data = Buffer.from(m.data.toString().replace(/^[0-9a-f]{64}(?= {2}data\/attachments)/mu, 'f'.repeat(64)));
        return rebag(es, b, { keepManifest: true });
      },
    ],
    ['a listed file missing from the zip', 'MISSING_FILE', (es, b) => es.filter((e) => e.name !== `${b}${PHOTO}`)],
    ['a payload file not in the manifest', 'EXTRA_FILE', (es, b) => add({ name: at(b, 'data/attachments/extra.jpg'), data: Buffer.from('x') })(es)],
    ['a tag file not in the tag manifest', 'EXTRA_FILE', (es, b) => add({ name: at(b, 'notes.txt'), data: Buffer.from('x') })(es)],
  ];

  it.each(cases)('%s → %s', async (_what, problem, make) => {
    expect(await problemOf(rawZip(make(good.copy(), good.base)))).toBe(problem);
  });

  it('a truncated zip (cut in the middle, or only its end record lost) → ZIP_TRUNCATED', async () => {
    const bytes = fs.readFileSync(good.zip);
    expect(await problemOf(bytes.subarray(0, Math.floor(bytes.length * 0.6)))).toBe('ZIP_TRUNCATED');
    expect(await problemOf(bytes.subarray(0, bytes.length - 10))).toBe('ZIP_TRUNCATED');
  });

  it('a file that is not a zip at all → ZIP_CORRUPT', async () => {
    expect(await problemOf(Buffer.from('这不是一个 zip 文件，而是一段文字。'.repeat(10)))).toBe('ZIP_CORRUPT');
    expect(await problemOf(Buffer.alloc(0))).toBe('ZIP_CORRUPT');
  });

  it('limits on entry count and total size → ZIP_BOMB', async () => {
    expect(await problemOf(good.zip, { maxEntries: 5 })).toBe('ZIP_BOMB');
    expect(await problemOf(good.zip, { maxTotalBytes: 100_000 })).toBe('ZIP_BOMB');
    expect(await problemOf(good.zip, { maxManifestJsonBytes: 100 })).toBe('ZIP_BOMB');
  });

  it('readBundle re-checks each file as it streams it (the zip changed after verification)', async () => {
    const copy = writeTemp(fs.readFileSync(good.zip), 'copy.zip');
    const r = await readBundle(copy, NOOP_IO);
    const photo = fs.readFileSync(good.zip);
    const marker = entry(good.copy(), good.base, PHOTO).data.subarray(5000, 5032);
    const at2 = photo.indexOf(marker);
    photo[at2] = (photo[at2] ?? 0) ^ 0xff;
    fs.writeFileSync(copy, photo);
    const read = async () => {
      for await (const _ of r.openFile(PHOTO));
    };
    await expect(read()).rejects.toBeInstanceOf(BundleError);
    expect(() => r.openFile('data/attachments/none.jpg')).toThrow(BundleError);
  });
});
