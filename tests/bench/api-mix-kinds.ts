/**
 * Latency of the realistic mix per kind of request, against a running server:
 * `npx tsx tests/bench/api-mix-kinds.ts --url http://127.0.0.1:3000 [--seconds 10] [--connections 32]`.
 *
 * The server must hold the national demo data set (`npm run bench:api -- --keep`, then `hansyn
 * serve` on the kept database with HANSYN_DEMO=false and HANSYN_LOGIN_IP_RATE_LIMIT raised: the
 * mix signs in dozens of users from one address). It sends the requests of `npm run bench:api`'s mix
 * (tests/bench/api-mix.ts, same seeds, the same writer) from `--connections` loops, times each
 * one on this side, and prints p50, p90, p99 and the maximum per kind: procurement page, home list,
 * filtered list, search. autocannon, which the API bench uses, gives one latency for the whole
 * mix. This shows which kind makes the tail (decision 0915 came from it). The client is plain
 * node:http with keep-alive, heavier than autocannon, so compare its figures with each other, not
 * with the API bench's. Prints; asserts nothing.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createRandom } from '../../src/db/seed/generate-demo-data.js';
import { DEMO_PASSWORD } from '../../src/db/seed/seed-demo.js';
import { nextRequest, prepareMix, startWriter, type MixKind } from './api-mix.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'writes-per-second': { type: 'string', default: '5' },
  },
});

async function main(): Promise<void> {
  if (values.url === undefined) throw new Error('--url <base address of a running server>');
  const base = new URL(values.url);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const mix = await prepareMix(values.url, DEMO_PASSWORD);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const get = (path: string, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request({ host: base.hostname, port: base.port, path, agent, headers: { cookie } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end();
    });

  const random = createRandom(4242);
  const timings = new Map<MixKind | 'all', number[]>();
  let failures = 0;
  const run = async (ms: number, record: boolean) => {
    const until = performance.now() + ms;
    const loop = async () => {
      while (performance.now() < until) {
        const user = mix.list[Math.floor(random() * mix.list.length)]!;
        const { kind, path } = nextRequest(random, user);
        const started = performance.now();
        const status = await get(path, user.cookie);
        const took = performance.now() - started;
        if (!record) continue;
        if (status < 200 || status > 299) failures += 1;
        for (const key of [kind, 'all'] as const) {
          const list = timings.get(key) ?? [];
          list.push(took);
          timings.set(key, list);
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, loop));
  };
  await run(2_000, false); // warm-up, as the API bench's
  const writer = startWriter(values.url, mix, Number(values['writes-per-second']));
  await run(seconds * 1000, true);
  const written = await writer.stop();
  agent.destroy();

  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  console.log(`${mix.users} users in ${mix.organisations} organisations, ${connections} connections, ${seconds} s; ${written.writes} writes; non-2xx: ${failures}`);
  console.log('\n| kind | requests | share | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|');
  const total = timings.get('all')?.length ?? 0;
  for (const key of ['page', 'home list', 'filtered list', 'search', 'all'] as const) {
    const sorted = [...(timings.get(key) ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) continue;
    console.log(`| ${key} | ${sorted.length} | ${Math.round((100 * sorted.length) / total)} % | ${at(sorted, 0.5)} | ${at(sorted, 0.9)} | ${at(sorted, 0.99)} | ${at(sorted, 1)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
