/**
 * npm run bench: runs every benchmark, prints its figures and ratio, and ends with a JSON
 * summary on the last line (for scripts). Not part of npm test: targets are ratios, not timings.
 */
import { bindingBench } from './binding.bench';
import { bundleBench } from './bundle.bench';
import { documentsBench } from './documents.bench';
import { importBench } from './import.bench';
import { peakRssMiB, type Benchmark, type BenchResult } from './harness';
import { searchBench } from './search.bench';
import { rulesBench } from './rules.bench';

const BENCHMARKS: Benchmark[] = [bindingBench, rulesBench, searchBench, bundleBench, importBench, documentsBench];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const results: BenchResult[] = [];
  for (const b of BENCHMARKS.filter((x) => !filter || x.name.includes(filter))) {
    process.stdout.write(`\n▶ ${b.name}\n`);
    const r = await b.run();
    for (const f of r.figures) console.log(`  ${f.name.padEnd(28)} ${f.value.toFixed(3)} ${f.unit}`);
    console.log(`  ratio ${r.ratio.toFixed(2)}×  target ${r.target}  ${r.pass ? 'PASS' : 'MISS'}`);
    results.push(r);
  }
  const summary = { when: new Date().toISOString(), node: process.version, peakRssMiB: peakRssMiB(), results };
  console.log(`\n${JSON.stringify(summary)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
