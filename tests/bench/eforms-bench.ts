/**
 * eForms parsing throughput: `npx tsx tests/bench/eforms-bench.ts [--files N] [--keep] [--import]
 * [--no-lxml] [--no-memory] [--memory-only] [--hostile-notices N] [--parse-workers 0,1]` (memory scenarios per parse-worker count).
 *
 * By default: the parse stages below and, part by part between them (≈2,000 files each), the peer
 * (lxml, ../shared/bench/lxml-eforms-reference.py, skipped when python3 with lxml is missing) on the
 * same files, with the ratio; the load average is printed before and after. Then the peak RSS
 * of importing the hostile archive of issue 8 and the replicated notices (tests/bench/eforms-memory.ts,
 * one process each; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set).
 *
 * With `--import`, measures import throughput instead: parse + summary as the baseline, then the
 * notice import (parse, summarise, derive facts, batched idempotent store) into an on-disk PGlite
 * and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, into PostgreSQL; every replica gets a
 * fresh notice id (BT-701) so all are stored, and the time for 800,000 notices is extrapolated.
 *
 * Replicates the fixture notices (all but INVALID_* and the X01/X02 registration notices, which are not
 * procurement notices) into a temporary folder until there are at least 20,000 files, then reads
 * them one by one and times, on one core and on the same bytes in the same run, each stage:
 * a plain saxes parse (baseline), the saxes reader of decision 0101 with the same extraction
 * (`parseNoticeWithSaxes`, the parser before decision 0901), `parseNotice` (the scanner), and
 * `parseNotice` plus the social summary. File reading is not timed. Prints figures; asserts nothing.
 *
 * `runEformsBench` takes extra stages (see eforms-import-stages.ts for the database import stages).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { summariseSocialConsiderations } from '../../src/domain/eforms/summarise-social-considerations.js';
import { parseNotice, parseNoticeWithSaxes } from '../../src/interop/eforms/parse-notice.js';
import { SAXES_OPTIONS } from '../../src/interop/eforms/read-xml-tree.js';

export interface BenchStage {
  name: string;
  /** Processes one notice's bytes; may be async (e.g. a database insert). */
  run: (bytes: Uint8Array) => unknown;
  /** Called once after the last file (e.g. to flush a batch); timed as part of the stage. */
  finish?: () => unknown;
}

export interface StageFigures {
  name: string;
  notices: number;
  failures: number;
  seconds: number;
  noticesPerSecond: number;
  megabytesPerSecond: number;
  /** Time relative to the first stage (the baseline). */
  ratioToBaseline: number;
}

export interface BenchFigures {
  files: number;
  megabytes: number;
  stages: StageFigures[];
}

const FIXTURES = fileURLToPath(new URL('../fixtures/eforms/', import.meta.url));
const decoder = new TextDecoder('utf-8');

/** Baseline: the same saxes configuration with no-op handlers, on the same decoded text. */
export const saxesBaselineStage: BenchStage = {
  name: 'saxes parse only (baseline)',
  run: (bytes) => {
    const parser = new SaxesParser(SAXES_OPTIONS);
    parser.on('opentag', () => undefined);
    parser.on('closetag', () => undefined);
    parser.on('text', () => undefined);
    parser.write(decoder.decode(bytes)).close();
    return true;
  },
};

/** The notice parser of decision 0101 (saxes reader), which the scanner of decision 0901 replaced. */
export const saxesParseStage: BenchStage = {
  name: 'saxes reader + extract (before)',
  run: (bytes) => parseNoticeWithSaxes(bytes).ok,
};

export const parseStage: BenchStage = {
  name: 'parseNotice (parse + extract)',
  run: (bytes) => parseNotice(bytes).ok,
};

export const parseAndSummariseStage: BenchStage = {
  name: 'parseNotice + social summary',
  run: (bytes) => {
    const result = parseNotice(bytes);
    if (result.ok) summariseSocialConsiderations(result.notice);
    return result.ok;
  },
};

/**
 * Copies the benchmark fixtures into `dir` until it holds at least `minFiles` files; returns their
 * paths. Rounds of copies are grouped `ROUNDS_PER_PART` to a folder (`part-NN/RRRR/…`), so the peer
 * can be run part by part between our own stages.
 */
export function replicateFixtures(dir: string, minFiles: number): string[] {
  const sources = ['sdk-examples', 'real-notices'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((name) => name.endsWith('.xml') && !name.startsWith('INVALID_') && !/^X0\d_/.test(name))
      .map((name) => join(FIXTURES, folder, name)),
  );
  const paths: string[] = [];
  for (let round = 0; paths.length < minFiles; round += 1) {
    const roundDir = join(dir, `part-${String(Math.floor(round / ROUNDS_PER_PART)).padStart(2, '0')}`, String(round).padStart(4, '0'));
    mkdirSync(roundDir, { recursive: true });
    for (const source of sources) {
      const target = join(roundDir, source.slice(source.lastIndexOf('/') + 1));
      copyFileSync(source, target);
      paths.push(target);
    }
  }
  return paths;
}

const ROUNDS_PER_PART = 20;

/** The part folder (`part-NN`) a replicated path lies in. */
function partOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/', path.lastIndexOf('/') - 1));
}

/**
 * Times each stage on every file (stages interleaved per file, so they see identical conditions).
 * With `afterPart`, called after the files of each part folder (the peer runs there, so both see the
 * same load on a shared machine).
 */
export async function runEformsBench(
  paths: readonly string[],
  stages: readonly BenchStage[] = [saxesBaselineStage, saxesParseStage, parseStage, parseAndSummariseStage],
  afterPart?: (part: string) => void,
): Promise<BenchFigures> {
  // Warm up the JIT on a slice of the files.
  for (const path of paths.slice(0, 500)) {
    const bytes = readFileSync(path);
    for (const stage of stages) await stage.run(bytes);
  }
  const nanoseconds = stages.map(() => 0n);
  const failures = stages.map(() => 0);
  let totalBytes = 0;
  for (const [fileIndex, path] of paths.entries()) {
    const previous = paths[fileIndex - 1];
    if (afterPart !== undefined && previous !== undefined && partOf(path) !== partOf(previous)) afterPart(partOf(previous));
    const bytes = readFileSync(path);
    totalBytes += bytes.length;
    for (const [index, stage] of stages.entries()) {
      const start = process.hrtime.bigint();
      const outcome = await stage.run(bytes);
      nanoseconds[index]! += process.hrtime.bigint() - start;
      if (outcome === false) failures[index]! += 1;
    }
  }
  const last = paths[paths.length - 1];
  if (afterPart !== undefined && last !== undefined) afterPart(partOf(last));
  for (const [index, stage] of stages.entries()) {
    if (stage.finish === undefined) continue;
    const start = process.hrtime.bigint();
    await stage.finish();
    nanoseconds[index]! += process.hrtime.bigint() - start;
  }
  const megabytes = totalBytes / 1e6;
  const baselineSeconds = Number(nanoseconds[0] ?? 1n) / 1e9;
  return {
    files: paths.length,
    megabytes,
    stages: stages.map((stage, index) => {
      const seconds = Number(nanoseconds[index] ?? 0n) / 1e9;
      return {
        name: stage.name,
        notices: paths.length,
        failures: failures[index] ?? 0,
        seconds,
        noticesPerSecond: paths.length / seconds,
        megabytesPerSecond: megabytes / seconds,
        ratioToBaseline: seconds / baselineSeconds,
      };
    }),
  };
}

export function formatFigures(figures: BenchFigures): string {
  const lines = [
    `eForms bench: ${figures.files} files, ${figures.megabytes.toFixed(1)} MB (${((figures.megabytes * 1e3) / figures.files).toFixed(1)} kB/notice), one core, reads not timed`,
  ];
  for (const stage of figures.stages) {
    lines.push(
      `  ${stage.name.padEnd(32)} ${stage.noticesPerSecond.toFixed(0).padStart(6)} notices/s ${stage.megabytesPerSecond.toFixed(1).padStart(6)} MB/s ` +
        `${stage.seconds.toFixed(2).padStart(6)} s  ×${stage.ratioToBaseline.toFixed(2)} baseline  failures ${stage.failures}`,
    );
  }
  return lines.join('\n');
}

const LXML_REFERENCE = fileURLToPath(new URL('../../../shared/bench/lxml-eforms-reference.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

interface LxmlFigures {
  files: number;
  failures: number;
  megabytes: number;
  parse_notices_per_s: number;
  extract_notices_per_s: number;
  extract_mb_per_s: number;
}

/** Whether the peer can run here; prints why not. */
function lxmlAvailable(): boolean {
  if (!existsSync(LXML_REFERENCE)) {
    console.log(`  lxml peer skipped: ${LXML_REFERENCE} not found`);
    return false;
  }
  if (spawnSync(PYTHON, ['-c', 'import lxml.etree'], { stdio: 'ignore' }).status !== 0) {
    console.log('  lxml peer skipped: python3 with lxml is not installed (Debian: apt-get install python3-lxml)');
    return false;
  }
  return true;
}

/** Sums the peer's per-part figures (rates are per part, so times are summed from files ÷ rate). */
class LxmlTotals {
  files = 0;
  failures = 0;
  megabytes = 0;
  parseSeconds = 0;
  extractSeconds = 0;
  add(figures: LxmlFigures): void {
    this.files += figures.files;
    this.failures += figures.failures;
    this.megabytes += figures.megabytes;
    this.parseSeconds += figures.files / figures.parse_notices_per_s;
    this.extractSeconds += figures.files / figures.extract_notices_per_s;
  }
}

/**
 * The peer: lxml (libxml2) parsing and extracting the same fields from one part folder of the
 * replicated notices (../shared/bench/lxml-eforms-reference.py); see {@link lxmlAvailable}.
 */
function runLxmlPeer(folder: string): LxmlFigures {
  const output = execFileSync(PYTHON, [LXML_REFERENCE, folder, '--json'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop()!) as LxmlFigures;
}

/** Runs one memory scenario (tests/bench/eforms-memory.ts) in its own process and returns its JSON line. */
function runMemoryScenario(args: string[]): Record<string, unknown> | null {
  const script = fileURLToPath(new URL('./eforms-memory.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) {
    console.log(`  memory scenario ${args.join(' ')} failed: ${(result.stderr || result.stdout).slice(0, 500)}`);
    return null;
  }
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : null;
}

/**
 * Peak RSS of importing the hostile archive of issue 8 (200 notices × 19 MiB of blanks, as an
 * upload) and of the ordinary replicated notices (as the CLI), each in a fresh process, on PGlite
 * (a data directory created beforehand by another process) and on PostgreSQL when a URL is set.
 */
function runMemoryBench(dir: string, folder: string, options: { notices: number; paddingMiB: number; parseWorkers: number[] }): void {
  const zip = join(dir, 'hostile.zip');
  const script = fileURLToPath(new URL('./eforms-memory.ts', import.meta.url));
  execFileSync(process.execPath, ['--import', 'tsx', script, '--build', zip, '--notices', String(options.notices), '--padding-mib', String(options.paddingMiB)]);
  const postgres = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log(`eForms import memory (peak RSS of one process; target < 600 MB), hostile archive ${options.notices} × ${options.paddingMiB} MiB blanks:`);
  for (const scenario of ['hostile', 'ordinary']) {
    for (const db of postgres === undefined ? ['pglite'] : ['pglite', 'postgres']) {
      for (const workers of options.parseWorkers) {
        const dataDir = join(dir, `memory-${scenario}-${db}-${workers}`);
        if (db === 'pglite') runMemoryScenario(['--prepare', 'yes', '--db', 'pglite', '--data-dir', dataDir, '--dir', dir]);
        const figures = runMemoryScenario(['--scenario', scenario, '--db', db, '--dir', dir, '--data-dir', dataDir, '--zip', zip, '--folder', folder, '--parse-workers', String(workers)]);
        if (figures === null) continue;
        console.log(
          `  ${`${scenario} → ${db}, ${workers === 0 ? 'in-thread' : `${workers} parse worker(s)`}`.padEnd(44)} peak RSS ${String(figures.peakRssMegabytes).padStart(5)} MB (after opening the database ${figures.rssAfterOpenMegabytes} MB)` +
            `  ${figures.read} read, ${figures.stored} stored, ${figures.failed} failed in ${figures.seconds} s`,
        );
      }
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const filesArgument = args.indexOf('--files');
  const minFiles = filesArgument >= 0 ? Number(args[filesArgument + 1]) : 20_000;
  const keep = args.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'hansyn-eforms-bench-'));
  try {
    const paths = replicateFixtures(dir, minFiles);
    const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
    console.log(`replicated ${paths.length} notices into ${dir}; load average ${load()} (shared machine: compare figures within one run)`);
    process.on('exit', () => console.log(`load average at the end ${load()}`));
    if (args.includes('--import')) {
      const { importStages } = await import('./eforms-import-stages.js');
      const stages = await importStages({ pgliteDir: join(dir, 'pglite'), postgresUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL });
      try {
        const figures = await runEformsBench(paths, [parseAndSummariseStage, ...stages.stages]);
        console.log(formatFigures(figures));
        for (const stage of figures.stages.slice(1)) {
          const minutes = 800_000 / stage.noticesPerSecond / 60;
          console.log(`  ${stage.name}: a year of TED (800,000 notices) ≈ ${minutes.toFixed(1)} min (target < 15 min)`);
        }
        console.log(await stages.describe());
      } finally {
        await stages.close();
      }
    } else {
      // The peer in the same run, on the same folder, part by part between our stages (about 2,000
      // files each), so both meet the same load on a shared machine.
      const lxml = args.includes('--memory-only') || args.includes('--no-lxml') || !lxmlAvailable() ? null : new LxmlTotals();
      const figures = args.includes('--memory-only') ? null : await runEformsBench(paths, undefined, lxml === null ? undefined : (part) => lxml.add(runLxmlPeer(part)));
      if (figures !== null) console.log(formatFigures(figures));
      if (figures !== null && lxml !== null) {
        const ours = figures.stages.find((stage) => stage.name === parseStage.name)!;
        const before = figures.stages.find((stage) => stage.name === saxesParseStage.name)!;
        const extractRate = lxml.files / lxml.extractSeconds;
        console.log(`  lxml parse only (peer)           ${(lxml.files / lxml.parseSeconds).toFixed(0).padStart(6)} notices/s`);
        console.log(
          `  lxml parse + XPath (peer)        ${extractRate.toFixed(0).padStart(6)} notices/s ${(lxml.megabytes / lxml.extractSeconds).toFixed(1).padStart(6)} MB/s  (${lxml.files} files, ${lxml.failures} failed)`,
        );
        console.log(`  parseNotice ÷ lxml parse + XPath: ×${(ours.noticesPerSecond / extractRate).toFixed(2)} (target ≥ 1.5)`);
        console.log(`  saxes reader + extract (before) ÷ lxml parse + XPath: ×${(before.noticesPerSecond / extractRate).toFixed(2)}`);
      }
      if (!args.includes('--no-memory')) {
        const notices = args.indexOf('--hostile-notices');
        // Archive and data directories outside the replicated folder, which the ordinary scenario reads.
        const memoryDir = mkdtempSync(join(tmpdir(), 'hansyn-eforms-memory-'));
        try {
          const workers = args.indexOf('--parse-workers');
          const parseWorkers = (workers >= 0 ? args[workers + 1]! : '0,1').split(',').map(Number);
          runMemoryBench(memoryDir, dir, { notices: notices >= 0 ? Number(args[notices + 1]) : 200, paddingMiB: 19, parseWorkers });
        } finally {
          rmSync(memoryDir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
