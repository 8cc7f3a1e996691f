import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { readBundle } from '../../electron/bundle/read';
import { writeBundle, type BundleContent } from '../../electron/bundle/write';
import { FileStore } from '../../electron/files/store';
import { median, type Benchmark } from './harness';

/**
 * Bundle export and import against the standard tools, on ~1000 MiB of random "evidence" in a
 * real content-addressed store (cached in .tmp/bench/bundle across runs):
 *  - writeBundle (SHA-256 of every file checked, CRC-32, BagIt tag files, fsync) vs `zip -0 -r`
 *    over the same files → throughput ratio, target ≥ 1.2×; the writer runs in a child process
 *    so its peak RSS is its own (target < 150 MiB);
 *  - readBundle (verifyBundle's every check, every byte hashed, then the reader) vs
 *    `sha256sum -c manifest-sha256.txt` in the unzipped bag → ratio, target ≥ 1.0×.
 * Trials alternate app/baseline and the median counts. Nothing is installed: if `zip` is
 * missing, Python's zipfile with ZIP_STORED is the baseline, and the output says so.
 */

const ROOT = path.resolve(__dirname, '../../.tmp/bench/bundle');
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
const MiB = 1024 * 1024;
const AGENCY = '01890a5d-ac96-774b-bcce-b30209000001';
const NOOP_IO = { progress: () => undefined, checkCancelled: () => undefined };

interface DataFile {
  sha256: string;
  size: number;
}

/** A few hundred files of photo/document/video-like sizes totalling ~1000 MiB, made once and kept. */
function dataset(): DataFile[] {
  const index = path.join(ROOT, 'dataset.json');
  const store = new FileStore(ROOT);
  if (fs.existsSync(index)) {
    const files = JSON.parse(fs.readFileSync(index, 'utf8')) as DataFile[];
    if (files.every((f) => fs.existsSync(store.pathOf(f.sha256)) && fs.statSync(store.pathOf(f.sha256)).size === f.size)) return files;
  }
  let seed = 20250301;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((seed >>> 0) % 1_000_000) / 1_000_000;
  };
  const sizes = [
    ...Array.from({ length: 220 }, () => MiB + rand() * 3 * MiB), // photos
    ...Array.from({ length: 120 }, () => 16 * 1024 + rand() * 240 * 1024), // documents
    ...Array.from({ length: 30 }, () => 8 * MiB + rand() * 8 * MiB), // video clips
  ];
  const scale = (1000 * MiB) / sizes.reduce((a, b) => a + b, 0);
  const files = sizes.map((s) => store.putBuffer(randomFillSync(Buffer.allocUnsafe(Math.round(s * scale))))).map((f) => ({ sha256: f.sha256, size: f.bytes }));
  fs.writeFileSync(index, JSON.stringify(files));
  return files;
}

function content(files: DataFile[]): BundleContent {
  const uuid = (i: number) => `01890a5d-ac96-774b-bcce-${(0xb30209100000 + i).toString(16)}`;
  return {
    exportedAt: '2025-03-01T09:30:00+08:00',
    software: { name: 'InspectDesk', version: 'bench' },
    office: { agencyUuid: AGENCY, name: '湘潭县市场监督管理局', creditCode: null },
    selection: { kind: 'all' },
    records: { agencies: [{ uuid: AGENCY, version: 1 }], attachments: files.map((_, i) => ({ uuid: uuid(i), version: 1 })) },
    documents: [],
    attachments: files.map((f, i) => ({
      sha256: f.sha256,
      size: f.size,
      name: `现场检查/第${Math.floor(i / 20) + 1}组/证据-${String(i).padStart(3, '0')}.jpg`,
      mediaType: 'image/jpeg',
      record: { entity: 'attachments', uuid: uuid(i) },
    })),
    audit: [],
  };
}

function timed(cmd: string, args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString() ?? r.error?.message}`);
  return ms;
}

/** Whether a command is on PATH (not every tool answers --version with status 0: unzip does not). */
const has = (tool: string) => (process.env.PATH ?? '').split(path.delimiter).some((d) => d !== '' && fs.existsSync(path.join(d, tool)));

/** The child: this file bundled by esbuild (as the app ships its worker), not run through tsx, whose compiler alone adds ~50 MiB of RSS. */
async function buildChild(): Promise<string> {
  const script = path.join(ROOT, 'writer-child.cjs');
  await build({ entryPoints: [__filename], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3', 'electron', 'esbuild'], logLevel: 'warning' });
  return script;
}

/** Runs writeBundle in a child process so its RSS is its own; returns its in-process time and memory. */
function childWrite(script: string, job: { root: string; target: string; content: BundleContent }): { ms: number; wallMs: number; rssBeforeMiB: number; peakRssMiB: number } {
  const jobFile = path.join(ROOT, 'job.json');
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script, 'child', jobFile], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`bundle writer child failed: ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(last) as { ms: number; rssBeforeMiB: number; peakRssMiB: number }), wallMs };
}

/**
 * The bag for `sha256sum -c`: its tag files and manifest.json unzipped, the payload hard-linked
 * from the store (same bytes, same page cache) instead of writing another 1000 MiB.
 */
function bagForSha256sum(bundle: string, dir: string): string {
  spawnSync('unzip', ['-q', bundle, '*/manifest-sha256.txt', '*/data/manifest.json', '-d', dir]);
  const bagDir = path.join(dir, fs.readdirSync(dir)[0] ?? '');
  const manifest = JSON.parse(fs.readFileSync(path.join(bagDir, 'data/manifest.json'), 'utf8')) as { attachments: { path: string; sha256: string }[] };
  const store = new FileStore(ROOT);
  for (const f of manifest.attachments) {
    fs.mkdirSync(path.dirname(path.join(bagDir, f.path)), { recursive: true });
    fs.linkSync(store.pathOf(f.sha256), path.join(bagDir, f.path));
  }
  return bagDir;
}

async function child(jobFile: string): Promise<void> {
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as { root: string; target: string; content: BundleContent };
  const rssBeforeMiB = process.resourceUsage().maxRSS / 1024;
  const t = process.hrtime.bigint();
  await writeBundle(job.target, job.content, NOOP_IO, { store: new FileStore(job.root) });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ ms, rssBeforeMiB, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

export const bundleBench: Benchmark = {
  name: 'bundle: writeBundle vs zip -0, readBundle (verify) vs sha256sum -c',
  async run() {
    fs.mkdirSync(ROOT, { recursive: true });
    const files = dataset();
    const bytes = files.reduce((n, f) => n + f.size, 0);
    const out = path.join(ROOT, 'out');
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out);
    const useZip = has('zip');
    if (!useZip) console.log('  (zip not installed: the baseline is python3 zipfile, ZIP_STORED)');
    const baseline = (target: string) =>
      useZip
        ? timed('zip', ['-0', '-r', '-q', target, 'files/sha256'], ROOT)
        : timed('python3', ['-c', 'import os,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_STORED)\nfor d,_,fs in os.walk("files/sha256"):\n  for f in fs: z.write(os.path.join(d,f))\nz.close()', target], ROOT);
    // Warm the page cache the same way for both sides.
    for (const f of files) fs.readFileSync(new FileStore(ROOT).pathOf(f.sha256));

    const zipMs: number[] = [];
    const appMs: number[] = [];
    let peak = 0;
    let before = 0;
    let wall = 0;
    const bundle = path.join(out, 'bundle.zip');
    const script = await buildChild();
    for (let i = 0; i < TRIALS; i++) {
      zipMs.push(baseline(path.join(out, `zip0-${i}.zip`)));
      fs.rmSync(path.join(out, `zip0-${i}.zip`));
      fs.rmSync(bundle, { force: true });
      const r = childWrite(script, { root: ROOT, target: bundle, content: content(files) });
      appMs.push(r.ms);
      peak = Math.max(peak, r.peakRssMiB);
      before = r.rssBeforeMiB;
      wall = r.wallMs;
    }

    // Verify: the bag unzipped once for sha256sum, then alternate the two.
    let shaMs: number[] = [];
    const verifyMs: number[] = [];
    const canSum = has('sha256sum') && has('unzip');
    if (!canSum) console.log('  (sha256sum or unzip not installed: verify ratio not measured)');
    const bagDir = canSum ? bagForSha256sum(bundle, path.join(out, 'bag')) : '';
    for (let i = 0; i < TRIALS; i++) {
      if (canSum) shaMs.push(timed('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], bagDir));
      const t = process.hrtime.bigint();
      await readBundle(bundle, NOOP_IO);
      verifyMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    if (!canSum) shaMs = [NaN];
    fs.rmSync(out, { recursive: true, force: true });

    const mibs = (ms: number) => bytes / MiB / (ms / 1000);
    const writeRatio = median(zipMs) / median(appMs);
    const verifyRatio = median(shaMs) / median(verifyMs);
    const pass = writeRatio >= 1.2 && peak < 150 && (Number.isNaN(verifyRatio) || verifyRatio >= 1.0);
    return {
      name: this.name,
      ratio: writeRatio,
      target: `write ≥ 1.2× ${useZip ? 'zip -0' : 'python zipfile (stored)'} and peak RSS < 150 MiB; verify ≥ 1.0× sha256sum -c (${files.length} files, ${(bytes / MiB).toFixed(0)} MiB)`,
      pass,
      figures: [
        { name: `${useZip ? 'zip -0 -r' : 'python zipfile'} (median)`, value: mibs(median(zipMs)), unit: 'MiB/s' },
        { name: 'writeBundle (median)', value: mibs(median(appMs)), unit: 'MiB/s' },
        { name: 'writer wall incl. start', value: wall, unit: 'ms' },
        { name: 'writer RSS before write', value: before, unit: 'MiB' },
        { name: 'writer peak RSS', value: peak, unit: 'MiB' },
        { name: 'sha256sum -c (median)', value: mibs(median(shaMs)), unit: 'MiB/s' },
        { name: 'readBundle (median)', value: mibs(median(verifyMs)), unit: 'MiB/s' },
        { name: 'verify ratio', value: verifyRatio, unit: '×' },
      ],
    };
  },
};

if (require.main === module && process.argv[2] === 'child') {
  child(process.argv[3] ?? '').catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
