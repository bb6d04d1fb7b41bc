/**
 * The realistic mix of `npm run bench:api`: what a working day of the register looks like from
 * the server's side, squeezed into a few seconds.
 *
 * - Users: every demo role but the supplier in Göteborg and Borås, and the coordinators of 30
 *   other municipalities of the national data set, each with their own session.
 * - Each request picks a user at random and then what that user does (weights below): opens a
 *   procurement page (one of ~150 of the organisation's procurements), their home list (the
 *   default register page, the procurer's own unit, the coordinator's work queue), a filtered
 *   list (unit, status, year, nature or CPV division, one of four sorts, page 1–3) or a search (one
 *   of a dozen words, sometimes with a status filter).
 * - Meanwhile a writer edits procurements of random users' organisations at a steady rate (read,
 *   then PATCH with the version read), so the organisation's register version moves and its
 *   cached lists are recomputed, as they are after every real edit.
 * Deterministic choices (seeded) so runs compare; what hits the cache is up to the server.
 */
import autocannon from 'autocannon';
import { loadMunicipalities } from '../../src/db/seed/seed-demo.js';
import { createRandom, generateDemoData } from '../../src/db/seed/generate-demo-data.js';

interface MixUser {
  email: string;
  role: string;
  organisation: string;
  cookie: string;
  csrf: string;
  units: string[];
  ownUnit: string | null;
  procurements: string[];
}

export interface Mix {
  users: number;
  organisations: number;
  list: MixUser[];
}

const SEARCH_WORDS = ['städ', 'skol', 'bygg', 'transport', 'mat', 'livsmedel', 'fordon', 'it', 'konsult', 'park', 'vård', 'tvätt'];
const SORTS = ['-updatedAt', 'referenceNumber', 'title', '-contractStart'];
const STATUSES = ['planned', 'in_preparation', 'published', 'evaluation', 'awarded'];
const NATURES = ['services', 'works', 'supplies'];

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs every mix user in and learns their units and a sample of their procurements. */
export async function prepareMix(base: string, password: string): Promise<Mix> {
  const orgs = generateDemoData({ scale: 'national', seed: 2026, currentYear: new Date().getFullYear(), municipalities: loadMunicipalities() });
  const logins: Array<{ email: string; role: string; organisation: string }> = [];
  for (const org of orgs.slice(0, 32)) {
    for (const user of org.users) if (user.role !== 'supplier') logins.push({ email: user.email, role: user.role, organisation: org.slug });
  }
  const list: MixUser[] = [];
  const samples = new Map<string, { units: string[]; procurements: string[] }>();
  for (const login of logins) {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: login.email, password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${login.email} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hansyn_session='))!.split(';')[0]!;
    const me = await json<{ csrfToken: string; memberships?: Array<{ unit?: { id: string } | null }> }>(await fetch(`${base}/api/me`, { headers: { cookie } }));
    const probe = await fetch(`${base}/api/procurements?pageSize=1`, { headers: { cookie } });
    if (!probe.ok) continue; // a role without the register
    let sample = samples.get(login.organisation);
    if (!sample) {
      const units = new Set<string>();
      const procurements: string[] = [];
      for (const page of [1, 2, 3]) {
        const body = await json<{ items: Array<{ id: string; unit: { id: string } }> }>(
          await fetch(`${base}/api/procurements?pageSize=50&page=${page}&sort=referenceNumber`, { headers: { cookie } }),
        );
        for (const item of body.items) {
          units.add(item.unit.id);
          procurements.push(item.id);
        }
      }
      sample = { units: [...units], procurements };
      samples.set(login.organisation, sample);
    }
    // A unit-limited procurer sees only their unit's procurements; learn those from the API too.
    const own = await json<{ items: Array<{ id: string; unit: { id: string } }> }>(await fetch(`${base}/api/procurements?pageSize=50`, { headers: { cookie } }));
    const ownUnits = [...new Set(own.items.map((i) => i.unit.id))];
    const limited = login.role === 'procurer' && ownUnits.length === 1;
    list.push({
      ...login,
      cookie,
      csrf: me.csrfToken,
      units: limited ? ownUnits : sample.units,
      ownUnit: limited ? ownUnits[0]! : null,
      procurements: limited ? own.items.map((i) => i.id) : sample.procurements,
    });
  }
  return { users: list.length, organisations: new Set(list.map((u) => u.organisation)).size, list };
}

export type MixKind = 'page' | 'home list' | 'filtered list' | 'search';

/** What one user asks for next, and which kind of request that is. */
export function nextRequest(random: () => number, user: MixUser): { kind: MixKind; path: string } {
  const path = (kind: MixKind, p: string) => ({ kind, path: p });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const r = random();
  if (r < 0.4) return path('page', `/api/procurements/${pick(user.procurements)}`);
  if (r < 0.65) {
    if (user.ownUnit !== null) return path('home list', `/api/procurements?unitId=${user.ownUnit}&pageSize=25`);
    if (user.role === 'coordinator' && random() < 0.5) return path('home list', '/api/procurements?queue=undecided&pageSize=25');
    return path('home list', '/api/procurements?pageSize=25');
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
    return path('filtered list', `/api/procurements?${params.toString()}`);
  }
  const params = new URLSearchParams({ q: pick(SEARCH_WORDS), pageSize: '25' });
  if (random() < 0.3) params.set('status', pick(STATUSES));
  return path('search', `/api/procurements?${params.toString()}`);
}

/** Edits random procurements at `perSecond` until stopped; counts writes and refusals. */
export function startWriter(base: string, mix: Mix, perSecond: number) {
  const random = createRandom(77);
  const writers = mix.list.filter((u) => u.role === 'coordinator' || u.role === 'procurer' || u.role === 'admin');
  let writes = 0;
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    if (perSecond <= 0 || writers.length === 0) return;
    const interval = 1000 / perSecond;
    let next = Date.now();
    while (!stopped) {
      next += interval;
      const user = writers[Math.floor(random() * writers.length)]!;
      const id = user.procurements[Math.floor(random() * user.procurements.length)]!;
      try {
        const current = await json<{ version: number; canEdit: boolean; labourNeedFte: number | null }>(await fetch(`${base}/api/procurements/${id}`, { headers: { cookie: user.cookie } }));
        if (current.canEdit) {
          const response = await fetch(`${base}/api/procurements/${id}`, {
            method: 'PATCH',
            headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ version: current.version, labourNeedFte: Math.round(random() * 40) / 2 }),
          });
          if (response.ok) writes += 1;
          else failures += 1;
          await response.arrayBuffer();
        }
      } catch {
        failures += 1;
      }
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else next = Date.now();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { writes, failures };
    },
  };
}

export async function runMix(base: string, mix: Mix, options: { connections: number; seconds: number; writesPerSecond: number }) {
  const random = createRandom(4242);
  const request = () => {
    const user = mix.list[Math.floor(random() * mix.list.length)]!;
    return { method: 'GET', path: nextRequest(random, user).path, headers: { cookie: user.cookie } };
  };
  // Warm-up (not counted): the server compiles the routes' serialisers on first use.
  await autocannon({ url: base, connections: options.connections, duration: 2, requests: [{ setupRequest: request }] });
  const writer = startWriter(base, mix, options.writesPerSecond);
  const result = await autocannon({ url: base, connections: options.connections, duration: options.seconds, requests: [{ setupRequest: request }] });
  const written = await writer.stop();
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, s]) => `${s.count}× ${code}`)
      .join(', '),
    writes: written.writes,
    writeFailures: written.failures,
  };
}

/** The server's cache lookups so far, from one read of GET /metrics: hits and misses per cache name. */
export async function cacheLookups(base: string): Promise<(cache: string) => { hit: number; miss: number }> {
  const lines = (await (await fetch(`${base}/metrics`)).text()).split('\n').filter((l) => l.startsWith('hansyn_cache_lookups_total{'));
  const count = (cache: string, result: string) => {
    const line = lines.find((l) => l.includes(`cache="${cache}"`) && l.includes(`result="${result}"`));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };
  return (cache) => ({ hit: count(cache, 'hit'), miss: count(cache, 'miss') });
}
