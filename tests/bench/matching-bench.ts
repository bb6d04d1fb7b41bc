/**
 * Matching at scale: `npm run bench:matching [-- --participants 50000] [--runs 50]`.
 *
 * Builds the app on a fresh in-memory embedded database, inserts N participants with generated
 * profiles (90 % consenting) and one recruitment need under a demo-like contract, then measures,
 * in the same run and one request at a time:
 *  - GET /api/health through the app (baseline: the cost of the framework alone);
 *  - `rankCandidates` over the N candidates' facts in memory (the reference scorer);
 *  - `rankPool` over the same candidates in pool form (what the endpoint runs, decision 0703);
 *  - GET /api/recruitment-needs/{id}/candidates through the app, with the organisation's pool
 *    current in memory (the steady state: version check + rank + answer);
 *  - the same request right after a consent is written, so the pool is loaded again (the first
 *    ranking after any write to participants or consents).
 * Prints p50/p99 latency and candidates scored per second; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { participantConsents, participants, recruitmentNeeds } from '../../src/db/schema/index.js';
import { createRandom } from '../../src/db/seed/generate-demo-data.js';
import { GOTEBORG_DISTRICTS } from '../../src/domain/matching/districts.js';
import { buildCandidatePool, consentMask, rankPool } from '../../src/domain/matching/candidate-pool.js';
import { rankCandidates } from '../../src/domain/matching/rank-candidates.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { loadCandidateFacts, needFacts } from '../../src/server/features/matching/matching-service.js';
import type { Profile } from '../../src/server/features/matching/matching-schemas.js';
import { awardedProcurement, contractBody } from '../support/contracts.js';
import { createOrganisation, createUser, login } from '../support/factories.js';
import { answerReadiness } from '../support/social.js';

const { values } = parseArgs({ options: { participants: { type: 'string', default: '50000' }, runs: { type: 'string', default: '50' } } });
const N = Number(values.participants);
const RUNS = Number(values.runs);
const OCCUPATIONS = ['9111', '9112', '9121', '9621', '7111', '7112', '5120', '9412', '8332', '5321', '6113', '9331', '4321', '5223', '2611', '3313'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, runs: number, work: () => Promise<unknown> | unknown, perRun = 0): Promise<void> {
  for (let i = 0; i < Math.min(5, runs); i++) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  const rate = perRun > 0 ? `${Math.round(perRun / (p50 / 1000)).toLocaleString('en')} candidates/s` : '';
  console.log(`${label.padEnd(52)} p50 ${p50.toFixed(2).padStart(8)} ms   p99 ${p99.toFixed(2).padStart(8)} ms   ${rate}`);
}

const database = await openDatabase({ kind: 'pglite', dataDir: null });
await database.migrate();
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000' }), database });
await app.ready();
const db = database.db;
const org = await createOrganisation(db);
const coordinator = await login(app, (await createUser(db, org.id, ['coordinator'])).email);
const labour = await login(app, (await createUser(db, org.id, ['labour_market'])).email);
await answerReadiness(coordinator);
const procurement = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 5, target_groups: ['newly_arrived'] } }]);
const contract = (await coordinator.post('/api/contracts', contractBody(procurement.id))).json() as { id: string; supplier: { id: string } };

const random = createRandom(50_000);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const started = performance.now();
for (let offset = 0; offset < N; offset += 2000) {
  const batch = Array.from({ length: Math.min(2000, N - offset) }, (_, i) => {
    const profile: Profile = {
      targetGroups: random() < 0.6 ? [{ code: pick(['newly_arrived', 'income_support', 'long_term_unemployed']), basis: 'officer_assessment', assessedOn: '2025-01-01' }] : [],
      unemployedSince: `20${pick(['22', '23', '24', '25'])}-0${1 + Math.floor(random() * 9)}-15`,
      incomeSupport: random() < 0.4,
      newlyArrived: random() < 0.3,
      ageBand: '30-49',
      municipalityCode: '1480',
      districtCode: pick(GOTEBORG_DISTRICTS).code,
      occupations: [{ ssykCode: pick(OCCUPATIONS), occupationNameId: null, experienced: random() < 0.5 }, { ssykCode: pick(OCCUPATIONS), occupationNameId: null, experienced: false }],
      skills: ['städning', 'truck', 'kassa', 'storkök', 'omsorg'].filter(() => random() < 0.3),
      languages: ['sv', ...(random() < 0.5 ? [pick(['ar', 'so', 'en', 'fa'])] : [])],
      drivingLicences: random() < 0.5 ? ['B'] : [],
      availableFrom: '2025-01-01',
      extentWantedPercent: pick([50, 75, 100]),
      training: [],
    };
    return { id: randomUUID(), organisationId: org.id, reference: `B-${String(offset + i).padStart(6, '0')}`, profile };
  });
  await db.insert(participants).values(batch);
  await db.insert(participantConsents).values(batch.filter(() => random() < 0.9).map((p) => ({ organisationId: org.id, participantId: p.id, scope: 'share_profile' as const, supplierId: null, givenOn: '2025-01-01' })));
}
const [need] = await db
  .insert(recruitmentNeeds)
  .values({ organisationId: org.id, contractId: contract.id, supplierId: contract.supplier.id, title: 'Lokalvårdare', ssykCode: '9111', positions: 3, extentPercent: 100, startsOn: '2030-01-01', districtCode: 'gbg-centrum', skills: ['städning'], requiredLanguages: ['sv'], requiredDrivingLicences: ['B'], openedOn: '2026-01-01' })
  .returning({ id: recruitmentNeeds.id });
await db.execute(sql`analyze`);
console.log(`Seeded ${N.toLocaleString('en')} participants in ${((performance.now() - started) / 1000).toFixed(1)} s (embedded PGlite, in memory)\n`);

const asOf = '2026-06-15';
const facts = await loadCandidateFacts(db, org.id, contract.supplier.id, asOf);
const nf = needFacts({ ssykCode: '9111', occupationNameId: null, skills: ['städning'], requiredLanguages: ['sv'], requiredDrivingLicences: ['B'], startsOn: '2030-01-01', extentPercent: 100, districtCode: 'gbg-centrum' } as never, ['newly_arrived']);

await measure('baseline GET /api/health (app.inject)', RUNS * 4, () => app.inject({ method: 'GET', url: '/api/health' }));
await measure(`rankCandidates, ${N.toLocaleString('en')} candidates in memory, top 20`, RUNS, () => rankCandidates(facts, nf, asOf, { limit: 20 }), N);
const pool = buildCandidatePool(facts.map(({ consentsToShare: _s, ...pooled }) => pooled));
const mask = Uint8Array.from(facts, (f) => (f.consentsToShare ? 1 : 0));
await measure(`rankPool, ${N.toLocaleString('en')} candidates in pool form, top 20`, RUNS * 4, () => rankPool(pool, mask, nf, asOf, { limit: 20 }), N);
await measure(`  (building the pool of ${N.toLocaleString('en')}, consent mask)`, Math.max(5, Math.floor(RUNS / 10)), () => consentMask(buildCandidatePool(facts), [], contract.supplier.id, asOf));
const candidates = async () => {
  const response = await labour.get(`/api/recruitment-needs/${need!.id}/candidates?limit=20`);
  if (response.statusCode !== 200) throw new Error(response.body);
};
await measure(`GET /api/recruitment-needs/{id}/candidates (${N.toLocaleString('en')})`, RUNS * 4, candidates, N);
const someone = facts[0]!.participantId;
let day = 0;
await measure(`  the same right after a consent is written`, 5, async () => {
  day++;
  await db.insert(participantConsents).values({ organisationId: org.id, participantId: someone, scope: 'interview', supplierId: null, givenOn: `2025-02-${String(day).padStart(2, '0')}` });
  await candidates();
}, N);
const ranked = rankCandidates(facts, nf, asOf, { limit: 1 });
console.log(`\n${ranked.excluded.length.toLocaleString('en')} excluded by hard filters; best score ${ranked.ranked[0]?.score ?? '–'} (${ranked.ranked[0]?.reasons.map((r) => r.code).join(', ')})`);
await app.close();
await database.close();
