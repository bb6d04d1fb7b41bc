import { openDatabase, type DatabaseHandle } from '../db/client.js';
import type { AppConfig } from '../server/config.js';

/** What a command may touch of the process: environment and standard streams (tests pass their own). */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  /**
   * Writes to stdout and resolves when more may be written (backpressure), for output too large to
   * buffer, such as the market's OCDS package. Without it, `stdout` is used.
   */
  writeStdout?: (s: string) => Promise<void>;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (long commands then redraw a progress line). */
  stderrIsTTY?: boolean;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** A mistake in how a command was called; printed as one line without a stack. */
export class CliError extends Error {}

/** Opens and migrates the configured database for one command, and closes it afterwards. */
export async function withDatabase<T>(config: AppConfig, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config.database);
  try {
    await handle.migrate();
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** All of stdin when it is piped, without the final newline; null on a terminal. */
export async function readStdin(stdin: CliIo['stdin']): Promise<string | null> {
  if (!stdin || stdin.isTTY) return null;
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}
