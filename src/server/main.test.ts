import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startServer } from './main.js';

describe('startServer', () => {
  it('migrates and seeds a fresh embedded database, serves, answers the requests in flight at shutdown, then releases the directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-main-'));
    try {
      const server = await startServer(loadConfig({ HANSYN_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }));
      expect(fs.existsSync(path.join(dataDir, 'hansyn.lock'))).toBe(true);
      const login = await fetch(`${server.address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coordinator@goteborg.example', password: 'hansyn-demo-2026' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      // Fire a burst of requests and shut down while they are in flight: all must be answered.
      // A connection closed before its request was read is an outcome, not an error: caught here,
      // when the request is made, since it may close while the server is still shutting down.
      const burst = Array.from({ length: 20 }, () =>
        fetch(`${server.address}/api/procurements?pageSize=100`, { headers: { cookie } }).then(
          (r) => r.status,
          () => 'closed' as const,
        ),
      );
      // The embedded database answers one query at a time, so when the first answer is back the
      // others are still queued inside the server.
      expect(await burst[0]).toBe(200);
      await server.close();
      // A request the server had started is answered in full (the database closes only after the
      // last one); connections whose request was not read yet are closed, as Node does.
      const statuses = await Promise.all(burst);
      expect(statuses.filter((s) => s !== 200 && s !== 503 && s !== 'closed')).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, 'hansyn.lock'))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
