import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, like } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/follow-up/calendar.js';
import { GOTEBORG_DISTRICTS } from '../../domain/matching/districts.js';
import type { Profile } from '../../server/features/matching/matching-schemas.js';
import { encryptIdentity, lookupHash, type ParticipantKeyring } from '../../server/features/matching/participant-service.js';
import { swedishDate } from '../../server/features/contracts/follow-up-service.js';
import { REFERENCE_DIR } from '../../paths.js';
import type { Database } from '../client.js';
import { contracts, memberships, organisations, participantConsents, participantIdentities, participants, placements, proposals, recruitmentNeeds } from '../schema/index.js';
import { createRandom } from './generate-demo-data.js';

/*
 * Demo participants of Göteborg's labour-market unit (and Borås's, for their demo placements).
 * References line up with the demo placements (decision 0701): every placement's `DEMO-nnnn`
 * becomes the reference of the participant hired, with a recruitment need and a hired proposal
 * that point at that placement; the rest of the caseload continues the numbering. Names are
 * invented and marked, identity numbers are Skatteverket's test numbers only, and everything is
 * deterministic except the random ciphertexts.
 */

const GIVEN = ['Amina', 'Erik', 'Fatima', 'Johan', 'Leila', 'Mohammed', 'Sara', 'Ali', 'Maria', 'Yusuf', 'Hanna', 'Ahmed', 'Elin', 'Omar', 'Sofia', 'Karin', 'Nasra', 'Anders', 'Dragana', 'Tesfaye', 'Linnea', 'Abdi', 'Emma', 'Goran'];
const FAMILY = ['Demoberg', 'Exempelsson', 'Testlund', 'Provqvist', 'Låtsasdotter', 'Påhittadsson', 'Fiktivström', 'Demodal', 'Övningsholm', 'Exempeldotter'];
const OCCUPATIONS = ['9111', '9621', '7111', '7112', '5120', '9412', '8332', '5321', '6113', '9331', '4321', '5223'];
const SKILLS: Record<string, string[]> = {
  '9111': ['städning', 'golvvård', 'fönsterputs'],
  '9621': ['vaktmästeri', 'post och bud'],
  '7111': ['träbyggnad', 'ställningsbygge', 'fallskydd'],
  '7112': ['murning', 'plattsättning'],
  '5120': ['matlagning', 'hygienrutiner', 'storkök'],
  '9412': ['disk', 'hygienrutiner', 'storkök'],
  '8332': ['lastbil', 'ADR', 'truck'],
  '5321': ['omsorg', 'förflyttningsteknik'],
  '6113': ['trädgård', 'gräsklippning', 'plantering'],
  '9331': ['lager', 'truck', 'plock'],
  '4321': ['lager', 'inventering'],
  '5223': ['kassa', 'kundservice'],
};
const LANGUAGES = ['ar', 'so', 'ti', 'fa', 'en', 'bs', 'pl', 'es', 'uk'];
const BASIS: Record<string, Profile['targetGroups'][number]['basis']> = {
  newly_arrived: 'residence_permit',
  income_support: 'income_support_decision',
  long_term_unemployed: 'employment_service_decision',
  disability: 'reduced_work_capacity_decision',
};

function testNumbers(): string[] {
  return fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'skatteverket-testpersonnummer-demo.csv'), 'utf8').split('\n').slice(1).filter((l) => /^\d{12}$/.test(l));
}

function ageBand(born: number, year: number): Profile['ageBand'] {
  const age = year - born;
  return age < 25 ? '16-24' : age < 30 ? '25-29' : age < 50 ? '30-49' : age < 65 ? '50-64' : '65+';
}

interface DemoPlacement {
  id: string;
  contractId: string;
  supplierId: string;
  participantRef: string;
  targetGroup: string;
  targetGroupPending: boolean;
  offeredOn: string | null;
  startedOn: string;
  endedOn: string | null;
  ssykCode: string | null;
  extentPercent: number;
}

/** Seeds participants, needs and proposals; does nothing without a keyring (participants off). */
export async function seedDemoParticipants(db: Database, keys: ParticipantKeyring | null, now: Date): Promise<void> {
  if (!keys) return;
  const today = swedishDate(now);
  const numbers = testNumbers();
  let numberIndex = 0;
  let refCounter = 0;
  const random = createRandom(1414);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (const slug of ['goteborg', 'boras']) {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
    if (!org) continue;
    const [officer] = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.role, 'labour_market')));
    const hires = (await db
      .select({ id: placements.id, contractId: placements.contractId, supplierId: contracts.supplierId, participantRef: placements.participantRef, targetGroup: placements.targetGroup, targetGroupPending: placements.targetGroupPending, offeredOn: placements.offeredOn, startedOn: placements.startedOn, endedOn: placements.endedOn, ssykCode: placements.ssykCode, extentPercent: placements.extentPercent })
      .from(placements)
      .innerJoin(contracts, eq(contracts.id, placements.contractId))
      .where(and(eq(placements.organisationId, org.id), like(placements.participantRef, 'DEMO-%')))
      .orderBy(asc(placements.participantRef))) as DemoPlacement[];
    for (const h of hires) if (!h.targetGroupPending) refCounter = Math.max(refCounter, Number(h.participantRef.slice(5)));
    const participantRows: Array<typeof participants.$inferInsert> = [];
    const identityRows: Array<typeof participantIdentities.$inferInsert> = [];
    const consentRows: Array<typeof participantConsents.$inferInsert> = [];
    const make = (reference: string, profile: Profile, registeredOn: string) => {
      const id = randomUUID();
      const number = numbers[numberIndex++ % numbers.length]!;
      const plain = {
        givenName: pick(GIVEN),
        familyName: `${pick(FAMILY)} (demo)`,
        personalIdentityNumber: number,
        identityNumberKind: 'personal_identity_number',
        email: `${reference.toLowerCase()}@demo.example.invalid`,
        phone: null,
        address: null,
      };
      const sealed = encryptIdentity(keys, JSON.stringify(plain), id);
      participantRows.push({ id, organisationId: org.id, reference, profile: { ...profile, ageBand: ageBand(Number(number.slice(0, 4)), Number(today.slice(0, 4))) }, createdAt: new Date(`${registeredOn}T08:00:00Z`), updatedAt: now });
      identityRows.push({ participantId: id, organisationId: org.id, keyId: sealed.keyId, ciphertext: sealed.ciphertext, lookupKeyId: keys.active.id, lookupHash: lookupHash(keys, number) });
      if (random() < 0.88) consentRows.push({ organisationId: org.id, participantId: id, scope: 'share_profile', supplierId: null, givenOn: registeredOn, recordedBy: officer?.userId ?? null });
      return id;
    };
    const profileFor = (ssyk: string, group: string | null, unemployedSince: string, availableFrom: string | null, experienced: boolean): Profile => ({
      targetGroups: group ? [{ code: group, basis: BASIS[group] ?? 'officer_assessment', assessedOn: unemployedSince < '2024-01-01' ? '2024-01-15' : unemployedSince }] : [],
      unemployedSince,
      incomeSupport: group === 'income_support' || random() < 0.3,
      newlyArrived: group === 'newly_arrived',
      ageBand: '30-49',
      municipalityCode: slug === 'goteborg' ? '1480' : '1490',
      districtCode: slug === 'goteborg' ? pick(GOTEBORG_DISTRICTS).code : null,
      occupations: [{ ssykCode: ssyk, occupationNameId: null, experienced }, ...(random() < 0.4 ? [{ ssykCode: pick(OCCUPATIONS), occupationNameId: null, experienced: false }] : [])],
      skills: (SKILLS[ssyk] ?? []).filter(() => random() < 0.7),
      languages: ['sv', ...(random() < 0.6 ? [pick(LANGUAGES)] : [])],
      drivingLicences: random() < 0.5 ? ['B'] : [],
      availableFrom,
      extentWantedPercent: random() < 0.7 ? 100 : pick([50, 75]),
      training: random() < 0.3 ? [{ title: 'Svenska för invandrare (demo)', completedOn: null }] : [],
    });

    // Hired participants: one per demo placement reference.
    const byRef = new Map<string, string>();
    for (const h of hires) {
      if (byRef.has(h.participantRef)) continue;
      const offered = h.offeredOn ?? h.startedOn;
      const since = addMonths(offered, -(3 + Math.floor(random() * 24)));
      const available = h.endedOn ? addDays(h.endedOn, 1) : null;
      byRef.set(h.participantRef, make(h.participantRef, profileFor(h.ssykCode ?? '9111', h.targetGroupPending ? null : h.targetGroup, since, available, random() < 0.5), addDays(offered, -60)));
    }
    // The rest of the caseload, waiting: Göteborg's unit has a few hundred.
    const waiting: string[] = [];
    const extra = slug === 'goteborg' ? Math.max(0, 320 - byRef.size) : 20;
    for (let i = 0; i < extra; i++) {
      const reference = `DEMO-${String(++refCounter).padStart(4, '0')}`;
      const since = addMonths(today, -(1 + Math.floor(random() * 40)));
      const group = random() < 0.8 ? pick(['newly_arrived', 'income_support', 'long_term_unemployed', 'disability']) : null;
      waiting.push(make(reference, profileFor(pick(OCCUPATIONS), group, since, random() < 0.9 ? addDays(today, Math.floor(random() * 30)) : null, random() < 0.5), addMonths(since, 1) < today ? addMonths(since, 1) : today));
    }
    await db.insert(participants).values(participantRows);
    await db.insert(participantIdentities).values(identityRows);
    // Everyone hired had consented before their proposal.
    const consenting = new Set(consentRows.map((c) => c.participantId));
    for (const h of hires) {
      const id = byRef.get(h.participantRef)!;
      if (!consenting.has(id)) {
        consentRows.push({ organisationId: org.id, participantId: id, scope: 'share_profile', supplierId: null, givenOn: addDays(h.offeredOn ?? h.startedOn, -45), recordedBy: officer?.userId ?? null });
        consenting.add(id);
      }
      consentRows.push({ organisationId: org.id, participantId: id, scope: 'interview', supplierId: h.supplierId, givenOn: addDays(h.offeredOn ?? h.startedOn, -30), recordedBy: officer?.userId ?? null });
    }
    await db.insert(participantConsents).values(consentRows);

    // Filled needs behind the hires: one per contract, occupation and year, each hire a proposal.
    const groups = new Map<string, DemoPlacement[]>();
    for (const h of hires) {
      const key = `${h.contractId}|${h.ssykCode ?? '9111'}|${h.startedOn.slice(0, 4)}`;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    }
    const needRows: Array<typeof recruitmentNeeds.$inferInsert> = [];
    const proposalRows: Array<typeof proposals.$inferInsert> = [];
    const label = 'demo (hansyn seed)';
    for (const [key, list] of groups) {
      const [contractId, ssyk] = key.split('|') as [string, string];
      const needId = randomUUID();
      const firstOffer = list.map((h) => h.offeredOn ?? h.startedOn).sort()[0]!;
      const lastOffer = list.map((h) => h.offeredOn ?? h.startedOn).sort().at(-1)!;
      needRows.push({ id: needId, organisationId: org.id, contractId, supplierId: list[0]!.supplierId, title: `Rekrytering SSYK ${ssyk} (demo)`, ssykCode: ssyk, positions: list.length, extentPercent: list[0]!.extentPercent, startsOn: list.map((h) => h.startedOn).sort()[0]!, municipalityCode: slug === 'goteborg' ? '1480' : '1490', districtCode: slug === 'goteborg' ? pick(GOTEBORG_DISTRICTS).code : null, skills: (SKILLS[ssyk] ?? []).slice(0, 1), status: 'filled', openedOn: addDays(firstOffer, -21 - Math.floor(random() * 40)), closedOn: lastOffer, createdBy: officer?.userId ?? null });
      for (const h of list) {
        const offered = h.offeredOn ?? h.startedOn;
        const proposedOn = addDays(offered, -14);
        proposalRows.push({ organisationId: org.id, needId, participantId: byRef.get(h.participantRef)!, score: 60 + Math.floor(random() * 30), reasons: [{ code: 'ssyk_4', points: 40, ssykCode: ssyk, experienced: false }], status: 'hired', history: [{ status: 'proposed', on: proposedOn, by: label }, { status: 'interview', on: addDays(proposedOn, 5), by: label }, { status: 'hired', on: offered, by: label }], placementId: h.id, proposedOn, decidedOn: offered, proposedBy: officer?.userId ?? null });
      }
      // A candidate who was interviewed and not chosen, for honest hit rates.
      if (waiting.length > 0 && random() < 0.6) {
        proposalRows.push({ organisationId: org.id, needId, participantId: waiting[Math.floor(random() * waiting.length)]!, score: 45, reasons: [{ code: 'ssyk_3', points: 25, ssykCode: ssyk.slice(0, 3), experienced: false }], status: 'not_hired', notHiredReason: 'supplier_chose_other', history: [{ status: 'proposed', on: addDays(firstOffer, -14), by: label }, { status: 'not_hired', on: firstOffer, by: label }], proposedOn: addDays(firstOffer, -14), decidedOn: firstOffer, proposedBy: officer?.userId ?? null });
      }
    }
    // Open needs of the running contracts, waiting for candidates; one for welders nobody is.
    const running = await db.select({ id: contracts.id, supplierId: contracts.supplierId }).from(contracts).where(eq(contracts.organisationId, org.id)).orderBy(asc(contracts.referenceNumber));
    const open = running.slice(0, slug === 'goteborg' ? 8 : 2);
    open.forEach((c, i) => {
      const ssyk = i === 0 ? '7212' : OCCUPATIONS[i % OCCUPATIONS.length]!;
      needRows.push({ id: randomUUID(), organisationId: org.id, contractId: c.id, supplierId: c.supplierId, title: i === 0 ? 'Svetsare till underhållsarbete (demo)' : `Nyanställning SSYK ${ssyk} (demo)`, ssykCode: ssyk, positions: 1 + (i % 3), extentPercent: 100, startsOn: addDays(today, 30 + i * 7), municipalityCode: slug === 'goteborg' ? '1480' : '1490', districtCode: slug === 'goteborg' ? GOTEBORG_DISTRICTS[i % GOTEBORG_DISTRICTS.length]!.code : null, skills: (SKILLS[ssyk] ?? []).slice(0, 2), requiredLanguages: ['sv'], requiredDrivingLicences: i % 4 === 1 ? ['B'] : [], status: 'open', openedOn: addDays(today, -(7 + i * 11)), createdBy: officer?.userId ?? null });
    });
    await db.insert(recruitmentNeeds).values(needRows);
    if (proposalRows.length > 0) await db.insert(proposals).values(proposalRows);
  }
}
