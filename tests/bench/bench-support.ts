/**
 * What the server benchmarks share: a free port, waiting for a started server, loading one URL and
 * printing its figures, bulk inserts, and the national contracts set (contracts with an employment
 * condition and placements) that bench:followup and bench:results load. Benchmarks print figures;
 * nothing here asserts. A bench's own PostgreSQL database comes from `createServerDatabase` in
 * tests/support/test-database.ts, as the tests' do.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { commitments, contracts, placements, procurements, suppliers } from '../../src/db/schema/index.js';
import { addDays, addMonths } from '../../src/domain/follow-up/calendar.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `/api/ready` until it answers 200; fails when the server exits or the time is up. */
export async function waitReady(base: string, server: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready');
}

/** What loading one URL measured: requests per second, latency percentiles (ms) and failures. */
/**
 * CPU time so far, in seconds, of the processes `pids` names (every thread), from Linux's
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds on a CPU); null where /proc cannot be read. With
 * `pids = 'postgres'`, every PostgreSQL process of this machine (a local server only).
 */
export function cpuSeconds(pids: number[] | 'postgres'): number | null {
  try {
    const of = pids === 'postgres' ? readdirSync('/proc').filter((p) => /^\d+$/.test(p) && readOr(`/proc/${p}/comm`) === 'postgres\n').map(Number) : pids;
    let ns = 0;
    for (const pid of of) {
      for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readOr(`/proc/${pid}/task/${tid}/schedstat`).split(' ')[0] ?? 0);
    }
    return ns / 1e9;
  } catch {
    return null;
  }
}

/**
 * The machine's CPU time so far from Linux's /proc/stat, in clock ticks: all of it and the part the
 * hypervisor gave to other guests ("steal"), which slows a run without showing in any process.
 * Null where /proc cannot be read.
 */
export function machineTicks(): { total: number; steal: number } | null {
  const fields = readOr('/proc/stat').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  if (fields.length < 8) return null;
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7]! };
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // a process or thread that ended in between
  }
}

export interface LoadFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  note?: string;
}

/** Loads `url` with `connections` concurrent connections for `seconds` (autocannon, in this process). */
export async function loadUrl(name: string, url: string, headers: Record<string, string>, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** One row of the figures table: name, req/s, p50, p99, against the baseline, failed (non-2xx, errors and timeouts). */
export function figuresRow(f: LoadFigures, baseline: LoadFigures): string {
  return `| ${f.name} | ${f.requestsPerSecond.toFixed(0)} | ${f.p50} | ${f.p99} | ${(f.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} | ${f.non2xx + f.errors} |`;
}

export async function insertAll<T>(rows: T[], write: (batch: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export interface BenchContract {
  id: string;
  startsOn: string;
  endsOn: string;
}

export interface BenchContractsPlan {
  organisations: ReadonlyArray<{ id: string }>;
  contractsPerOrganisation: number;
  /** Stop once this many contracts are seeded. */
  contractsInAll: number;
  placementsPerContract: number;
  random: () => number;
  /** Called once per organisation after its contracts and placements are stored (e.g. to add reports). */
  afterOrganisation?: (organisationId: string, seeded: BenchContract[]) => Promise<void>;
}

/**
 * Contracts spread over each organisation's procurements (500 bench suppliers), one employment
 * condition each and `placementsPerContract` placements, half of them ended. Deterministic for a
 * given `random`.
 */
export async function seedBenchContracts(db: Database, plan: BenchContractsPlan): Promise<{ contracts: number; placements: number }> {
  const { random } = plan;
  const supplierRows = await db
    .insert(suppliers)
    .values(Array.from({ length: 500 }, (_, i) => ({ country: 'SE', nationalId: `BENCH-${i}`, name: `Bänkleverantör ${i} (bench)` })))
    .returning({ id: suppliers.id });
  const perOrg = plan.contractsPerOrganisation;
  let contractCount = 0;
  let placementCount = 0;
  for (const org of plan.organisations) {
    const procs = await db
      .select({ id: procurements.id, unitId: procurements.unitId, ref: procurements.referenceNumber })
      .from(procurements)
      .where(eq(procurements.organisationId, org.id))
      .limit(perOrg);
    const n = Math.min(perOrg, plan.contractsInAll - contractCount, procs.length);
    if (n <= 0) continue;
    const contractValues = Array.from({ length: n }, (_, i) => {
      const startsOn = addMonths('2023-01-01', Math.floor(random() * 42));
      return {
        organisationId: org.id,
        procurementId: procs[i]!.id,
        unitId: procs[i]!.unitId,
        supplierId: supplierRows[Math.floor(random() * supplierRows.length)]!.id,
        referenceNumber: `AVT-${procs[i]!.ref}`,
        lotNumbers: null,
        signedOn: addDays(startsOn, -30),
        startsOn,
        endsOn: addDays(addMonths(startsOn, 24 + Math.floor(random() * 25)), -1),
        valueOre: 1_000_000_00 + Math.floor(random() * 50_000_000_00),
      };
    });
    const inserted: BenchContract[] = [];
    await insertAll(contractValues, async (batch) => inserted.push(...(await db.insert(contracts).values(batch).returning({ id: contracts.id, startsOn: contracts.startsOn, endsOn: contracts.endsOn }))));
    const commitmentRows: Array<{ id: string; contractId: string }> = [];
    await insertAll(inserted, async (batch) =>
      commitmentRows.push(
        ...(await db
          .insert(commitments)
          .values(
            batch.map((c) => ({
              organisationId: org.id,
              contractId: c.id,
              position: 0,
              kind: 'employment_condition' as const,
              templateKey: 'employment-condition',
              title: { sv: 'Sysselsättningsvillkor', en: 'Employment condition' },
              text: { sv: 'Bänkdata.', en: 'Bench data.' },
              parameters: { positions: 2 + Math.floor(random() * 8), employment_months: 6, first_hire_within_months: 6, completion_percent: 75, reporting_interval_months: 3, correction_days: 30, penalty_ore: 50_000_00, target_groups: ['newly_arrived', 'long_term_unemployed'], employment_form: 'las_employment' },
            })),
          )
          .returning({ id: commitments.id, contractId: commitments.contractId })),
      ),
    );
    const byContract = new Map(inserted.map((c) => [c.id, c]));
    const placementValues = commitmentRows.flatMap((k) => {
      const c = byContract.get(k.contractId)!;
      return Array.from({ length: plan.placementsPerContract }, (_, j) => {
        const startedOn = addDays(c.startsOn, Math.floor(random() * 600));
        const endedOn = random() < 0.5 ? addDays(startedOn, 60 + Math.floor(random() * 300)) : null;
        return {
          organisationId: org.id,
          contractId: c.id,
          commitmentId: k.id,
          participantRef: `B-${k.id.slice(0, 8)}-${j}`,
          targetGroup: random() < 0.5 ? 'newly_arrived' : 'long_term_unemployed',
          offeredOn: null,
          startedOn,
          plannedEndOn: addDays(startedOn, 182),
          endedOn,
          endReason: endedOn === null ? null : random() < 0.8 ? ('completed' as const) : ('resigned' as const),
          extentPercent: random() < 0.7 ? 100 : 50,
          employmentForm: 'las_employment',
          ssykCode: '9111',
        };
      });
    });
    await insertAll(placementValues, (batch) => db.insert(placements).values(batch));
    await plan.afterOrganisation?.(org.id, inserted);
    contractCount += n;
    placementCount += placementValues.length;
    if (contractCount % 2000 < perOrg) process.stderr.write(`\rSeeding contracts: ${contractCount}/${plan.contractsInAll}`);
  }
  process.stderr.write('\n');
  return { contracts: contractCount, placements: placementCount };
}
