import { afterAll, expect } from 'vitest';

/**
 * Fails a test file whose code made node-postgres queue a statement on a connection that was
 * still running one (a `Promise.all` of reads inside a transaction): deprecated in pg 8 and an
 * error in pg 9. `readTogether` (src/db/client.ts) is the way to run independent reads.
 * Node prints a deprecation once per process, and every test file runs in its own process.
 */
const queued: string[] = [];
process.on('warning', (warning) => {
  if (warning.message.includes('already executing a query')) queued.push(warning.stack ?? warning.message);
});

afterAll(() => {
  expect(queued, 'a statement was queued on a busy database connection (use readTogether)').toEqual([]);
});
