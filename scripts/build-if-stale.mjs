#!/usr/bin/env node
// Builds the server (dist/) and the web app (dist/web) only when their sources changed since the
// last build, so `npm start` starts in about a second after the first time (issue 10, decision
// 0422). Runs from `npm install` (the `prepare` script) and before every `npm start`.
//
// The web app is built into a temporary folder and swapped in by rename; the previous build's
// hashed assets are carried over, so a server still running with the old index.html keeps
// finding every file it refers to (a second `npm start` used to empty dist/web under it).
//
//   node scripts/build-if-stale.mjs            build what is stale
//   node scripts/build-if-stale.mjs --check    exit 1 when a build is needed, build nothing
//   node scripts/build-if-stale.mjs --force    build both
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each build reads; a change in any of these files makes that build stale. */
export const BUILD_INPUTS = {
  server: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
  web: ['web', 'src/domain', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'],
};

const IGNORED = /(^|\/)(node_modules|\.cache)(\/|$)|\.test\.tsx?$/;

function listFiles(root, entry) {
  const full = path.join(root, entry);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return IGNORED.test(entry) ? [] : [[entry, stat]];
  const out = [];
  for (const name of fs.readdirSync(full).sort()) {
    const child = `${entry}/${name}`;
    if (!IGNORED.test(child)) out.push(...listFiles(root, child));
  }
  return out;
}

/**
 * A fingerprint of a build's inputs: every file's path, size and modification time. Reading
 * metadata only keeps the check at a few milliseconds; a touched file costs one needless build.
 */
export function fingerprint(root, entries) {
  const hash = createHash('sha256');
  for (const entry of entries) for (const [file, stat] of listFiles(root, entry)) hash.update(`${file}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
  return hash.digest('hex');
}

/** The assets a web build carried over from the one before it (a dot file: never served). */
const CARRIED = '.carried-assets.json';

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

function readStamp(root) {
  return readJson(path.join(root, 'dist', '.build-stamp.json'), {});
}

function writeStamp(root, stamp) {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist', '.build-stamp.json'), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Which builds are stale, with the fingerprints to record once they are done. */
export function staleBuilds(root) {
  const stamp = readStamp(root);
  const current = { server: fingerprint(root, BUILD_INPUTS.server), web: fingerprint(root, BUILD_INPUTS.web) };
  const outputs = { server: path.join(root, 'dist', 'cli', 'main.js'), web: path.join(root, 'dist', 'web', 'index.html') };
  const stale = Object.keys(current).filter((kind) => stamp[kind] !== current[kind] || !fs.existsSync(outputs[kind]));
  return { stale, current, stamp };
}

/**
 * Puts a finished web build in place of `target`: the old build's hashed assets that the new one
 * lacks are copied over first (a running server's index.html still names them), then two renames
 * swap the folders, so `target` is never a half-written build.
 */
export function swapWebBuild(next, target) {
  const oldAssets = path.join(target, 'assets');
  const newAssets = path.join(next, 'assets');
  // Only the previous build's own files are carried, not what it carried itself, so the folder
  // holds at most two builds.
  const carriedBefore = new Set(readJson(path.join(target, CARRIED), []));
  const carried = [];
  if (fs.existsSync(oldAssets)) {
    fs.mkdirSync(newAssets, { recursive: true });
    for (const name of fs.readdirSync(oldAssets)) {
      const to = path.join(newAssets, name);
      if (carriedBefore.has(name) || fs.existsSync(to)) continue;
      fs.copyFileSync(path.join(oldAssets, name), to);
      carried.push(name);
    }
  }
  fs.writeFileSync(path.join(next, CARRIED), `${JSON.stringify(carried)}\n`);
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(next, target);
  fs.rmSync(old, { recursive: true, force: true });
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

function main() {
  const args = new Set(process.argv.slice(2));
  const { stale, current } = staleBuilds(ROOT);
  const todo = args.has('--force') ? ['server', 'web'] : stale;
  if (args.has('--check')) {
    if (todo.length > 0) console.log(`Stale: ${todo.join(', ')}`);
    process.exit(todo.length > 0 ? 1 : 0);
  }
  if (todo.length === 0) return;
  // `npm install --omit=dev` has no compiler; the committed sources then run through tsx.
  if (!fs.existsSync(bin('tsc')) || !fs.existsSync(bin('vite'))) {
    console.log('build-if-stale: TypeScript or Vite is not installed; skipping the build.');
    return;
  }
  const started = performance.now();
  if (todo.includes('server')) {
    console.log('Building the server (sources changed since the last build)…');
    run(bin('tsc'), ['-p', 'tsconfig.build.json']);
    writeStamp(ROOT, { ...readStamp(ROOT), server: current.server });
  }
  if (todo.includes('web')) {
    console.log('Building the web app (sources changed since the last build)…');
    const next = path.join(ROOT, 'dist', `.web-next-${process.pid}`);
    fs.rmSync(next, { recursive: true, force: true });
    run(bin('vite'), ['build', '--logLevel', 'warn', '--outDir', next, '--emptyOutDir']);
    swapWebBuild(next, path.join(ROOT, 'dist', 'web'));
    writeStamp(ROOT, { ...readStamp(ROOT), web: current.web });
  }
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
