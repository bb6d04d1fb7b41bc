/**
 * Quick in-process comparison for work on the notice scanner:
 * `npx tsx tests/bench/eforms-parse-quick.ts [rounds] [scan] [small|big]`.
 *
 * Loads one round of the bench's fixture mix (eforms-bench.ts) into memory and times, interleaved
 * round by round after a warm-up, the plain saxes parse (the bench's baseline stage) and
 * `parseNotice`, on the whole mix and on its one notice over 1 MB (cn_24_maximal_100_lots, about
 * 40 % of the mix's bytes) apart. Within one process the ratio of the two is a yardstick that
 * survives a loaded machine (×1.83 corresponds to the ×1.5 of lxml issue 10 asks for, with lxml at
 * ×1.22 of saxes on a quiet machine); eforms-bench.ts gives the comparison with lxml itself.
 * With `scan`, only `parseNotice` runs (for a CPU profile); `small` or `big` keeps only the notices
 * under or over 1 MB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStage, replicateFixtures, saxesBaselineStage, type BenchStage } from './eforms-bench.js';

const rounds = Number(process.argv[2] ?? 10);
const scanOnly = process.argv[3] === 'scan';
const sizes = process.argv[4];
const dir = mkdtempSync(join(tmpdir(), 'hansyn-eforms-quick-'));
const files = replicateFixtures(dir, 1)
  .map((path) => readFileSync(path))
  .filter((file) => (sizes === 'big' ? file.length >= 1e6 : sizes === 'small' ? file.length < 1e6 : true));
rmSync(dir, { recursive: true, force: true });

const sets = [
  { name: 'all', files },
  { name: '< 1 MB', files: files.filter((file) => file.length < 1e6) },
  { name: '> 1 MB', files: files.filter((file) => file.length >= 1e6) },
];
const stages = scanOnly ? [parseStage] : [saxesBaselineStage, parseStage];

function time(stage: BenchStage, set: readonly Uint8Array[]): number {
  const start = process.hrtime.bigint();
  for (const bytes of set) stage.run(bytes);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

for (let warm = 0; warm < 5; warm += 1) for (const stage of stages) time(stage, files);
console.log(`${files.length} notices, ${rounds} rounds; load before ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
for (const set of sets) {
  const totals = stages.map(() => 0);
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const seconds = stages.map((stage) => time(stage, set.files));
    seconds.forEach((value, index) => (totals[index]! += value));
    if (seconds.length === 2) ratios.push(seconds[0]! / seconds[1]!);
  }
  ratios.sort((a, b) => a - b);
  const rates = stages.map((stage, index) => `${stage.name.split(' ')[0]} ${((set.files.length * rounds) / totals[index]!).toFixed(0)}/s`);
  const ratio = ratios.length === 0 ? '' : `  parseNotice ÷ saxes: median ×${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}, overall ×${(totals[0]! / totals[1]!).toFixed(2)}`;
  console.log(`  ${set.name.padEnd(7)} ${rates.join('  ')}${ratio}`);
}
console.log(`load after ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
