/**
 * The benchmark harness: each benchmark times the app's way and a bare baseline in the same
 * run (same machine, same moment), so the ratio means something on a noisy machine.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchResult {
  name: string;
  /** app time ÷ baseline time (lower is better); the target says what is acceptable. */
  ratio: number;
  target: string;
  pass: boolean;
  figures: Figure[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

/** Runs `fn` `n` times after `warm` warm-up runs; returns each duration in ms. */
export async function sample(fn: () => unknown | Promise<unknown>, n: number, warm = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function peakRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
