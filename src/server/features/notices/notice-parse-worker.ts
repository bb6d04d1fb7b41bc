import { parentPort } from 'node:worker_threads';
import { prepareNotice } from './prepare-notice.js';

/**
 * A parse worker (decision 0903): receives `{ id, name, bytes }`, answers `{ id, prepared }` with
 * exactly what `prepareNotice` returns in the importing thread, or `{ id, thrown }` when it threw
 * (a bug, never bad input: the parser reports bad input as a failure). One message at a time, in
 * the order received.
 */

interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

const port = parentPort;
if (port === null) throw new Error('notice-parse-worker runs only as a worker thread');
port.on('message', ({ id, name, bytes }: ParseRequest) => {
  let answer: { id: number; prepared: ReturnType<typeof prepareNotice> } | { id: number; thrown: string };
  try {
    answer = { id, prepared: prepareNotice({ name, bytes }) };
  } catch (error) {
    answer = { id, thrown: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
