import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer } from './global-setup.js';

/**
 * Every browser-test file gets a server of its own on a copy of the demo data seeded once by the
 * global setup, so a file never depends on what an earlier file wrote. The hooks below register on
 * the file that imports this module (through browser.ts), before the file's own hooks, so the
 * server is up when they run. With E2E_BASE_URL set, every file uses that server instead.
 */
let fileBaseUrl: string | null = null;
let stop: (() => Promise<void>) | null = null;
let dataDir: string | null = null;

beforeAll(async () => {
  const templateDir = inject('templateDir');
  if (templateDir === '') return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-e2e-'));
  fs.cpSync(templateDir, dataDir, { recursive: true });
  const server = await startServer(dataDir);
  fileBaseUrl = server.baseUrl;
  stop = server.stop;
});

afterAll(async () => {
  await stop?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The server this file's tests talk to. */
export function fileServerUrl(): string {
  return fileBaseUrl ?? inject('baseUrl');
}
