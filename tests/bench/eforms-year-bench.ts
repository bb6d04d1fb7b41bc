/**
 * A year of TED through the real command: `npm run bench:eforms-year [-- --notices 800000]
 * [--per-package 3200] [--postgres] [--packages DIR]`.
 *
 * Writes `--notices` eForms notices as TED-style daily packages (`.tar.gz`, `--per-package`
 * notices each; TED publishes about 800,000 a year in about 250 packages), each notice one of the
 * repository's fixture notices (SDK examples and real notices, tests/fixtures/eforms) with a fresh
 * notice identifier (BT-701), so every one is a new notice to store. Then runs
 * `node bin/hansyn.js import eforms DIR` — the compiled build, as an operator runs it — into a
 * fresh embedded database (or, with --postgres, a new database on the server), and reports the
 * wall time, notices per second, the command's own summary line and its peak RSS, beside the
 * baseline of the same run: the time to read and inflate every package without importing
 * (`tar -xzOf`, the operating system's tar, into /dev/null). `--packages DIR` keeps the packages
 * there and reuses them on the next run. Prints figures; asserts nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { createServerDatabase } from '../support/test-database.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'eforms');
const { values } = parseArgs({
  options: {
    notices: { type: 'string', default: '800000' },
    'per-package': { type: 'string', default: '3200' },
    postgres: { type: 'boolean', default: false },
    packages: { type: 'string' },
  },
});
const NOTICES = Number(values.notices);
const PER_PACKAGE = Number(values['per-package']);
const NOTICE_ID = /(<cbc:ID[^>]*schemeName="notice-id"[^>]*>)([^<]*)(<)/;

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The fixture notices that parse and carry a notice identifier to replace. */
function fixtureNotices(): Buffer[] {
  return ['sdk-examples', 'real-notices'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((name) => name.endsWith('.xml') && !name.startsWith('INVALID_') && !/^X0\d_/.test(name))
      .map((name) => readFileSync(join(FIXTURES, folder, name)))
      .filter((bytes) => NOTICE_ID.test(bytes.toString('utf8'))),
  );
}

async function writePackages(dir: string): Promise<{ packages: number; bytes: number }> {
  const sources = fixtureNotices().map((b) => b.toString('utf8'));
  mkdirSync(dir, { recursive: true });
  let written = 0;
  let packages = 0;
  let bytes = 0;
  while (written < NOTICES) {
    const count = Math.min(PER_PACKAGE, NOTICES - written);
    const name = `${String(packages + 1).padStart(4, '0')}.tar.gz`;
    const pack = tarStream.pack();
    const done = pipeline(pack, createGzip({ level: 1 }), createWriteStream(join(dir, name)));
    for (let i = 0; i < count; i++) {
      const n = written + i;
      // A notice identifier unique to this notice (a UUID's shape, as TED's are).
      const hex = (n + 1).toString(16).padStart(12, '0');
      const id = `b3c4a1d2-0000-4000-8000-${hex}`;
      const xml = Buffer.from(sources[n % sources.length]!.replace(NOTICE_ID, `$1${id}$3`), 'utf8');
      bytes += xml.length;
      await new Promise<void>((resolve, reject) => pack.entry({ name: `${String(packages + 1).padStart(4, '0')}/${n}.xml`, size: xml.length }, xml, (error) => (error ? reject(error) : resolve())));
    }
    pack.finalize();
    await done;
    written += count;
    packages += 1;
    if (packages % 25 === 0) process.stderr.write(`\rWriting packages: ${written}/${NOTICES}`);
  }
  process.stderr.write('\n');
  return { packages, bytes };
}

/** Runs a command, returning its wall time, output and peak RSS (GNU time when present). */
function timed(command: string, args: string[], env: Record<string, string | undefined>): Promise<{ seconds: number; stdout: string; stderr: string; peakRssMegabytes: number | null; code: number | null }> {
  const gnuTime = existsSync('/usr/bin/time');
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = gnuTime ? spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB %M', command, ...args], { env, cwd: ROOT }) : spawn(command, args, { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      process.stderr.write(c);
    });
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /PEAK_RSS_KB (\d+)/.exec(stderr);
      resolve({ seconds, stdout, stderr, code, peakRssMegabytes: rss ? Math.round(Number(rss[1]) / 1024) : null });
    });
  });
}

async function main(): Promise<void> {
  const packagesDir = values.packages ?? mkdtempSync(join(tmpdir(), 'hansyn-ted-year-'));
  const lines: string[] = [`Load average at start: ${load()}; ${cpus().length} cores`];
  let generated = 'reused';
  if (!existsSync(packagesDir) || readdirSync(packagesDir).filter((n) => n.endsWith('.tar.gz')).length === 0) {
    const started = Date.now();
    const { packages, bytes } = await writePackages(packagesDir);
    generated = `${packages} packages, ${(bytes / 1e9).toFixed(1)} GB of XML, written in ${((Date.now() - started) / 1000).toFixed(0)} s`;
  }
  const packageFiles = readdirSync(packagesDir).filter((n) => n.endsWith('.tar.gz')).sort();
  lines.push(`Packages: ${packageFiles.length} in ${packagesDir} (${generated})`);

  // Baseline: the operating system's tar reading and inflating every package.
  const inflateStarted = Date.now();
  for (const file of packageFiles) spawnSync('tar', ['-xzOf', join(packagesDir, file)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const inflateSeconds = (Date.now() - inflateStarted) / 1000;
  lines.push(`Baseline (tar -xzOf every package into /dev/null): ${inflateSeconds.toFixed(1)} s; load ${load()}`);

  let dataDir: string | null = null;
  let server: { url: string; drop(): Promise<void> } | null = null;
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', HANSYN_DEMO: 'false' };
  if (values.postgres) {
    server = await createServerDatabase(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'hansyn_tedyear');
    env.DATABASE_URL = server.url;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'hansyn-ted-year-db-'));
    env.HANSYN_DATA_DIR = dataDir;
    env.DATABASE_URL = '';
  }
  try {
    const migrate = spawnSync(process.execPath, [join(ROOT, 'bin', 'hansyn.js'), 'migrate'], { env, cwd: ROOT, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
    const run = await timed(process.execPath, [join(ROOT, 'bin', 'hansyn.js'), 'import', 'eforms', packagesDir], env);
    const summary = run.stdout.split('\n').find((l) => l.startsWith('Read ')) ?? '(no summary)';
    const read = Number(/Read (\d+)/.exec(summary)?.[1] ?? NaN);
    lines.push(
      `Import into ${values.postgres ? 'PostgreSQL 15' : 'embedded PGlite'} (\`hansyn import eforms\`, exit ${run.code}): ${run.seconds.toFixed(0)} s = ${(run.seconds / 60).toFixed(1)} min, ` +
        `${Math.round(read / run.seconds)} notices/s wall; peak RSS ${run.peakRssMegabytes ?? '?'} MB; load at the end ${load()}`,
      `  ${summary}`,
      `  Against the baseline: import ${(run.seconds / inflateSeconds).toFixed(1)}× the time tar takes to inflate the same packages.`,
    );
  } finally {
    if (server) await server.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (values.packages === undefined) rmSync(packagesDir, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

