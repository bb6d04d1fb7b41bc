import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer } from '../main.js';
import { formatLogRecord } from './pretty-log.js';

/** Collects what the server writes, pretending to be a terminal or a file. */
function capture(isTTY: boolean) {
  let text = '';
  // eslint-disable-next-line no-control-regex
  return { isTTY, write: (s: string) => ((text += s), true), text: () => text.replace(/\u001b\[\d+m/g, '') };
}

describe('start-up output (issue 11 item 2)', () => {
  it('prints a banner with the address, the API docs and the demo accounts on every start at a terminal, JSON otherwise', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-banner-'));
    try {
      const first = capture(true);
      const server = await startServer(loadConfig({ HANSYN_DATA_DIR: dataDir, PORT: '0' }), { out: first });
      await fetch(`${server.address}/api/health`);
      await server.close();
      expect(first.text()).toContain(`Hänsyn is ready at ${server.address}`);
      expect(first.text()).toContain(`${server.address}/api/docs`);
      expect(first.text()).toContain('demo data seeded just now');
      expect(first.text()).toMatch(/goteborg\s+coordinator\s+coordinator@goteborg\.example/);
      expect(first.text()).toMatch(/boras\s+viewer\s+viewer@boras\.example/);
      // Readable request lines, not JSON.
      expect(first.text()).toMatch(/INFO\s+GET \/api\/health → 200 in \d+ ms/);
      expect(first.text()).not.toContain('{"level"');

      const again = capture(true);
      const restarted = await startServer(loadConfig({ HANSYN_DATA_DIR: dataDir, PORT: '0' }), { out: again });
      await restarted.close();
      expect(again.text()).toContain('admin@goteborg.example');
      expect(again.text()).not.toContain('seeded just now');

      const file = capture(false);
      const quiet = await startServer(loadConfig({ HANSYN_DATA_DIR: dataDir, PORT: '0' }), { out: file });
      await quiet.close();
      const lines = file.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const ready = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('Hänsyn listens'));
      expect(ready).toMatchObject({ docs: `${quiet.address}/api/docs`, demoPassword: 'hansyn-demo-2026' });
      expect(ready!.demoAccounts).toContain('coordinator@goteborg.example (coordinator, goteborg)');

      const forced = capture(true);
      const json = await startServer(loadConfig({ HANSYN_DATA_DIR: dataDir, PORT: '0', HANSYN_LOG_FORMAT: 'json' }), { out: forced });
      await json.close();
      expect(forced.text().trim().split('\n').every((l) => l.startsWith('{'))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('formats a record with its level, message and extra fields, and an error with its stack', () => {
    const requests = new Map<string, string>();
    expect(formatLogRecord({ level: 40, time: Date.UTC(2026, 0, 1), msg: 'No built web app found', where: 'dist/web' }, requests, false)).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}No built web app found where=dist\/web$/,
    );
    expect(formatLogRecord({ level: 30, reqId: 'r1', req: { method: 'POST', url: '/api/x' }, msg: 'incoming request' }, requests, false)).toBeNull();
    expect(formatLogRecord({ level: 30, reqId: 'r1', res: { statusCode: 422 }, responseTime: 3.4, msg: 'request completed' }, requests, false)).toContain(
      'POST /api/x → 422 in 3 ms',
    );
    expect(requests.size).toBe(0);
    expect(formatLogRecord({ level: 50, msg: 'boom', err: { stack: 'Error: boom\n    at x' } }, requests, false)).toContain('\nError: boom');
  });

  it('rejects an unknown log format with the variable named', () => {
    expect(() => loadConfig({ HANSYN_LOG_FORMAT: 'yaml' })).toThrow(/HANSYN_LOG_FORMAT/);
  });
});
