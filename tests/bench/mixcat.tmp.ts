import http from 'node:http';
import { prepareMix } from './api-mix.js';
import { DEMO_PASSWORD } from '../../src/db/seed/seed-demo.js';
import { createRandom } from '../../src/db/seed/generate-demo-data.js';
const base = process.argv[2]!; const seconds = Number(process.argv[3] ?? 10);
const url = new URL(base);
const mix = await prepareMix(base, DEMO_PASSWORD);
const SEARCH_WORDS = ['städ', 'skol', 'bygg', 'transport', 'mat', 'livsmedel', 'fordon', 'it', 'konsult', 'park', 'vård', 'tvätt'];
const SORTS = ['-updatedAt', 'referenceNumber', 'title', '-contractStart'];
const STATUSES = ['planned', 'in_preparation', 'published', 'evaluation', 'awarded'];
const NATURES = ['services', 'works', 'supplies'];
function nextPath(random: () => number, user: any): [string, string] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const r = random();
  if (r < 0.4) return ['page', `/api/procurements/${pick(user.procurements)}`];
  if (r < 0.65) {
    if (user.ownUnit !== null) return ['home', `/api/procurements?unitId=${user.ownUnit}&pageSize=25`];
    if (user.role === 'coordinator' && random() < 0.5) return ['home', '/api/procurements?queue=undecided&pageSize=25'];
    return ['home', '/api/procurements?pageSize=25'];
  }
  if (r < 0.85) {
    const params = new URLSearchParams({ pageSize: '25', sort: pick(SORTS), page: String(1 + Math.floor(random() * random() * 3)) });
    const f = random();
    if (f < 0.35) params.set('unitId', pick(user.units));
    else if (f < 0.6) params.set('status', pick(STATUSES));
    else if (f < 0.8) params.set('year', String(new Date().getFullYear() - Math.floor(random() * 3)));
    else if (f < 0.9) params.set('contractNature', pick(NATURES));
    else params.set('cpvDivision', pick(['45', '90', '55', '60', '79', '72']));
    if (user.ownUnit !== null) params.set('unitId', user.ownUnit);
    return ['filter', `/api/procurements?${params.toString()}`];
  }
  const params = new URLSearchParams({ q: pick(SEARCH_WORDS), pageSize: '25' });
  if (random() < 0.3) params.set('status', pick(STATUSES));
  return ['search', `/api/procurements?${params.toString()}`];
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const get = (path: string, cookie: string) => new Promise<number>((res, rej) => {
  const req = http.request({ host: url.hostname, port: url.port, path, agent, headers: { cookie } }, (r) => { r.resume(); r.on('end', () => res(r.statusCode!)); });
  req.on('error', rej); req.end();
});
const random = createRandom(4242);
const lat = new Map<string, number[]>();
let stop = false; let count = 0;
const worker = async (record: boolean) => { while (!stop) { const user = mix.list[Math.floor(random() * mix.list.length)]!; const [cat, path] = nextPath(random, user); const t = performance.now(); await get(path, user.cookie); const d = performance.now() - t; if (record) { count++; (lat.get(cat) ?? lat.set(cat, []).get(cat)!).push(d); (lat.get('all') ?? lat.set('all', []).get('all')!).push(d); } } };
let ws = Array.from({ length: 32 }, () => worker(false)); await new Promise((r) => setTimeout(r, 2000)); stop = true; await Promise.all(ws); stop = false;
ws = Array.from({ length: 32 }, () => worker(true)); await new Promise((r) => setTimeout(r, seconds * 1000)); stop = true; await Promise.all(ws);
const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1); };
console.log('req/s', (count / seconds).toFixed(0));
for (const [k, xs] of lat) console.log(k.padEnd(8), String(xs.length).padStart(6), 'p50', q(xs, 0.5), 'p90', q(xs, 0.9), 'p99', q(xs, 0.99), 'max', q(xs, 1));
agent.destroy();
