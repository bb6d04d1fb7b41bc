import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    templateDir: string;
  }
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become ready:\n${log()}`);
}

/** Starts `hansyn serve` from the build on a free port over `dataDir` and waits until it is ready. */
export async function startServer(dataDir: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'hansyn.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      HANSYN_DATA_DIR: dataDir,
      HANSYN_DEMO: 'true',
      HANSYN_LOGIN_RATE_LIMIT: '10000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

/**
 * Seeds the demo data once: starts `hansyn serve` on a fresh data directory (the demo data is
 * seeded on first start), stops it cleanly, and hands the directory to the test files. Each file
 * then runs its own server on a copy of it (`file-server.ts`), so no file sees what another one
 * changed and the files pass in any order, alone or together.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // For working on the tests: point them at a server you already run (shared by every file).
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external);
    project.provide('templateDir', '');
    return async () => {};
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html')) || !fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('Build first: npm run build (npm run test:e2e does it for you).');
  }
  const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-e2e-template-'));
  const seeding = await startServer(templateDir);
  await seeding.stop();
  project.provide('baseUrl', '');
  project.provide('templateDir', templateDir);
  return async () => {
    fs.rmSync(templateDir, { recursive: true, force: true });
  };
}
