/**
 * Start-up time: `npm run bench:start [-- --restarts 5]`.
 *
 * Starts the real server as a new process (`node bin/hansyn.js serve`) on a fresh embedded
 * database, as `npm start` does after the build check, and measures until `/api/ready` answers:
 * the first start (migrations and demo seed included), then `--restarts` restarts of the same
 * data directory (the demo data already there). It also times what every start pays outside the
 * server: the build check of `npm start` (`scripts/build-if-stale.mjs --check`) and a bare
 * `node -e ""` as the baseline of the same run. Prints figures; asserts nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { restarts: { type: 'string', default: '5' } } });
const restarts = Number(values.restarts);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Seconds from spawning the server until /api/ready answers 200; then stops it cleanly. */
async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/hansyn.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HANSYN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', HANSYN_LOG_FORMAT: 'json' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/ready`);
        if (response.status === 200) return (performance.now() - started) / 1000;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function timeCommand(args: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (x: number) => `${x.toFixed(2)} s`;

const dataDir = mkdtempSync(join(tmpdir(), 'hansyn-start-bench-'));
try {
  const port = await freePort();
  const baseline = median(Array.from({ length: 5 }, () => timeCommand(['-e', ''])));
  const check = median(Array.from({ length: 5 }, () => timeCommand(['scripts/build-if-stale.mjs', '--check'])));
  const first = await timeStart(dataDir, port);
  const again: number[] = [];
  for (let i = 0; i < restarts; i++) again.push(await timeStart(dataDir, port));
  console.log(`Start-up of the server (embedded database, demo data), ${restarts} restarts`);
  console.log(`  baseline: node -e ""                      ${s(baseline)}`);
  console.log(`  build check (npm start, nothing stale)    ${s(check)}`);
  console.log(`  first start: migrate + seed, until ready  ${s(first)}`);
  console.log(`  restart until ready: median               ${s(median(again))}   (min ${s(Math.min(...again))}, max ${s(Math.max(...again))})`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
