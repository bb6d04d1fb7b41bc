import { Writable } from 'node:stream';

/**
 * Readable log lines for a person at a terminal: pino's JSON lines turned into
 * `12:03:04 INFO  message  key=value`. A request is one line when it completes
 * (`GET /api/procurements → 200 in 12 ms`), not the two JSON lines Fastify writes. Files and
 * log collectors keep getting JSON (`HANSYN_LOG_FORMAT`, decision 0423).
 */

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
/** Fields every line has, or that are shown in another form. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'v']);

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : null;
  if (date === null || Number.isNaN(date.getTime())) return '--:--:--';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function show(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One pino record as a line (without the newline); null for records better left out. */
export function formatLogRecord(record: Record<string, unknown>, requests: Map<string, string>, colour: boolean): string | null {
  const level = typeof record.level === 'number' ? record.level : 30;
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const reqId = typeof record.reqId === 'string' ? record.reqId : null;
  const req = record.req as { method?: string; url?: string } | undefined;
  const res = record.res as { statusCode?: number } | undefined;
  let message = typeof record.msg === 'string' ? record.msg : '';
  if (reqId !== null && req?.method && message === 'incoming request') {
    // Shown once, with its answer, when it completes.
    requests.set(reqId, `${req.method} ${req.url ?? ''}`);
    return null;
  }
  if (reqId !== null && res?.statusCode !== undefined && message === 'request completed') {
    const request = requests.get(reqId) ?? reqId;
    requests.delete(reqId);
    const ms = typeof record.responseTime === 'number' ? ` in ${Math.round(record.responseTime)} ms` : '';
    message = `${request} → ${res.statusCode}${ms}`;
  }
  const extra = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => {
      if (key === 'err' && value && typeof value === 'object' && 'stack' in value) return `\n${String((value as { stack: unknown }).stack)}`;
      return `${key}=${show(value)}`;
    });
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  return [paint('90', clock(record.time)), paint(COLOURS[level] ?? '0', label), message, ...extra].join(' ').trimEnd();
}

/** A writable for pino (Fastify's `logger.stream`) that prints readable lines to `out`. */
export function createPrettyLogStream(out: { write(text: string): unknown }, options: { colour: boolean }): Writable {
  const requests = new Map<string, string>();
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        if (line.trim() === '') continue;
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch {
          out.write(`${line}\n`);
          continue;
        }
        const text = formatLogRecord(record, requests, options.colour);
        if (text !== null) out.write(`${text}\n`);
        // A request that never completed (aborted) would otherwise stay here for good.
        if (requests.size > 10_000) requests.clear();
      }
      callback();
    },
  });
}
