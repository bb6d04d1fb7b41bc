import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays, addMonths, daysBetween, minDate } from '../../domain/follow-up/calendar.js';
import { deriveCommitmentTerms, takesPlacements } from '../../domain/follow-up/commitment-terms.js';
import { evaluateCommitment, type EndReason } from '../../domain/follow-up/evaluate-commitment.js';
import { reportingPeriods } from '../../domain/follow-up/reporting-periods.js';
import { checkSanctionStep, type SanctionStepFacts, type SanctionStepKind } from '../../domain/follow-up/sanction-ladder.js';
import type { WageSubsidy } from '../../domain/follow-up/validate-placement.js';
import { renderRequirement } from '../../domain/requirements/render-requirement.js';
import type { RequirementTemplate } from '../../domain/requirements/requirement-template.js';
import { DEFAULT_TARGET_GROUPS, targetGroupLabels } from '../../domain/requirements/target-groups.js';
import { ensureSupplier, insertCheckedSanctionStep, insertContractWithCommitments, insertPlacementRows, listContractCommitments } from '../../server/features/contracts/contract-service.js';
import { runDailyFollowUpCheck, swedishDate } from '../../server/features/contracts/follow-up-service.js';
import type { Database } from '../client.js';
import { appliedRequirements, auditEvents, memberships, organisations, periodReports, procurementDecisions, procurements, requirementTemplateVersions } from '../schema/index.js';
import { createRandom } from './generate-demo-data.js';

/*
 * Demo contracts for Göteborg's (and a few of Borås's) awarded procurements with social
 * requirements: invented suppliers marked "(demo)" with organisation numbers of valid form in
 * the unused 559900 series, placements over 2024–2026 so that about 88 people start a job each
 * year, quarterly reports (a few missing), the deviations the daily check finds, and one
 * contract taken through the whole sanction ladder. Everything is invented.
 */

const SUPPLIERS = [
  { nationalId: '559900-0014', name: 'Lokalvård Väst AB (demo)' },
  { nationalId: '559900-0022', name: 'Byggkraft Hisingen AB (demo)' },
  { nationalId: '559900-0030', name: 'Grönytor Göta Älv AB (demo)' },
  { nationalId: '559900-0048', name: 'Måltid & Mer i Väst AB (demo)' },
  { nationalId: '559900-0055', name: 'Transportlaget Angered AB (demo)' },
  { nationalId: '559900-0063', name: 'Fastighetsservice Majorna AB (demo)' },
  { nationalId: '559900-0071', name: 'Omsorgspartner Väst AB (demo)' },
  { nationalId: '559900-0089', name: 'Renhållning Nordost AB (demo)' },
];

/** Typical occupations by CPV division (SSYK 2012 unit groups). */
const SSYK_BY_DIVISION: Record<string, string[]> = {
  '90': ['9111', '9621'],
  '45': ['7111', '7112', '7411'],
  '77': ['6113'],
  '55': ['9412', '5120'],
  '60': ['8332'],
  '85': ['5321'],
  '79': ['9111'],
  '98': ['9111'],
};

const PLACEMENTS_PER_YEAR = 88;

interface DemoContract {
  id: string;
  organisationId: string;
  startsOn: string;
  endsOn: string;
  division: string;
  commitments: Array<{ id: string; targetGroups: string[]; takes: boolean; employmentForm: string }>;
  ladder: boolean;
}

/** Seeds the demo contracts; `now` is the seeding instant, its Swedish date "today". */
export async function seedDemoContracts(db: Database, now: Date): Promise<{ contracts: number; placements: number }> {
  const today = swedishDate(now);
  const random = createRandom(4711);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const orgs = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, ['goteborg', 'boras']));
  const labels = targetGroupLabels(DEFAULT_TARGET_GROUPS);
  const suppliers = [];
  for (const s of SUPPLIERS) suppliers.push(await ensureSupplier(db, { country: 'SE', nationalId: s.nationalId, name: s.name }));
  const made: DemoContract[] = [];
  const lokalvardRunning = new Set<string>();
  for (const org of orgs.sort((a, b) => (a.slug === 'goteborg' ? -1 : b.slug === 'goteborg' ? 1 : 0))) {
    const [coordinator] = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.role, 'coordinator'))).limit(1);
    const awarded = await db
      .select({ p: procurements, decisionId: procurementDecisions.id })
      .from(procurements)
      .innerJoin(procurementDecisions, eq(procurementDecisions.procurementId, procurements.id))
      .where(and(eq(procurements.organisationId, org.id), eq(procurements.status, 'awarded'), eq(procurementDecisions.kind, 'apply')))
      .orderBy(asc(procurements.contractStart), asc(procurements.referenceNumber));
    for (const [index, { p, decisionId }] of awarded.entries()) {
      const applied = await db
        .select({ a: appliedRequirements, content: requirementTemplateVersions.content })
        .from(appliedRequirements)
        .innerJoin(requirementTemplateVersions, eq(requirementTemplateVersions.id, appliedRequirements.templateVersionId))
        .where(eq(appliedRequirements.decisionId, decisionId))
        .orderBy(asc(appliedRequirements.position));
      // Spread the starts so 2024 has running contracts too: the earliest third started a year before plan.
      const planned = p.contractStart ?? '2025-01-01';
      const startsOn = index % 3 === 0 && org.slug === 'goteborg' ? addMonths(planned, -12) : planned;
      const endsOn = addDays(addMonths(startsOn, Math.max(12, Math.min(48, p.durationMonths ?? 24))), -1);
      // Lokalvård Väst holds the first contract of each organisation (the supplier portal demo),
      // and the first one running today, so its demo account has a period to report. The pick is
      // drawn either way, so the rest of the demo data stays as it was.
      const picked = index === 0 ? null : pick(suppliers.slice(1));
      const runningToday = startsOn <= today && endsOn >= today && !lokalvardRunning.has(org.id);
      if (runningToday && index > 0) lokalvardRunning.add(org.id);
      const supplier = picked === null || (runningToday && index > 0) ? suppliers[0]! : picked;
      const { id: contractId, commitments: stored } = await insertContractWithCommitments(
        db,
        org.id,
        {
        procurementId: p.id,
        unitId: p.unitId,
        supplierId: supplier.id,
        referenceNumber: `AVT-${p.referenceNumber}`,
        lotNumbers: null,
        signedOn: addDays(startsOn, -30),
        startsOn,
        endsOn,
        extensionOptions: p.extensionMonths ? [{ months: p.extensionMonths, exercisedOn: null }] : [],
        valueOre: p.estimatedValueOre,
        calledOffValueOre: null,
        createdBy: coordinator?.userId ?? null,
        now,
        },
        applied.map(({ a, content }, position) => {
          const template = content as RequirementTemplate;
          const sv = renderRequirement(template, a.parameters as Record<string, never>, 'sv', labels);
          const en = renderRequirement(template, a.parameters as Record<string, never>, 'en', labels);
          return {
            position,
            kind: template.type,
            templateKey: template.key,
            templateVersionId: a.templateVersionId,
            title: template.title,
            text: { sv: `${sv.body}\n\n${sv.followUp}`, en: `${en.body}\n\n${en.followUp}` },
            measure: 'per_position' as const,
            parameters: a.parameters as Record<string, unknown>,
          };
        }),
      );
      made.push({
        id: contractId,
        organisationId: org.id,
        startsOn,
        endsOn,
        division: p.mainCpv.slice(0, 2),
        ladder: org.slug === 'goteborg' && index === 1,
        commitments: stored.map((c) => {
          const terms = deriveCommitmentTerms({ type: c.kind, parameters: c.parameters }, { calledOffValueOre: null });
          return { id: c.id, targetGroups: terms.targetGroups.length > 0 ? terms.targetGroups : ['long_term_unemployed'], takes: takesPlacements(terms), employmentForm: terms.employmentForm ?? 'las_employment' };
        }),
      });
    }
  }
  // Placements: about 88 starts a year, spread over the contracts running that year.
  const rows: Parameters<typeof insertPlacementRows>[2] = [];
  let ref = 0;
  for (const year of [2024, 2025, 2026]) {
    const yearStart = `${year}-01-01`;
    const yearEnd = minDate(`${year}-12-31`, today);
    if (yearEnd < yearStart) continue;
    const running = made.filter((c) => !c.ladder && c.startsOn <= yearEnd && c.endsOn >= yearStart && c.commitments.some((x) => x.takes));
    if (running.length === 0) continue;
    const share = (daysBetween(yearStart, yearEnd) + 1) / 365;
    const count = Math.round(PLACEMENTS_PER_YEAR * Math.min(1, share));
    for (let i = 0; i < count; i++) {
      const c = running[i % running.length]!;
      const commitment = c.commitments.find((x) => x.takes)!;
      const from = c.startsOn > yearStart ? c.startsOn : yearStart;
      const to = c.endsOn < yearEnd ? c.endsOn : yearEnd;
      const span = Math.max(0, daysBetween(from, to));
      const startedOn = addDays(from, Math.floor(random() * (span + 1)));
      const months = pick([6, 6, 9, 12]);
      const plannedEndOn = addDays(addMonths(startedOn, months), -1);
      const roll = random();
      const endReason: EndReason | null = roll < 0.08 ? 'resigned' : roll < 0.12 ? 'ended_by_supplier' : roll < 0.14 ? 'dismissed_with_cause' : 'completed';
      const early = endReason !== 'completed' ? addDays(startedOn, 60 + Math.floor(random() * 90)) : plannedEndOn;
      const endedOn = early <= today ? minDate(early, plannedEndOn) : null;
      rows.push({
        contractId: c.id,
        commitmentId: commitment.id,
        participantRef: `DEMO-${String(++ref).padStart(4, '0')}`,
        targetGroup: pick(commitment.targetGroups),
        offeredOn: addDays(startedOn, -14),
        startedOn,
        plannedEndOn,
        endedOn,
        endReason: endedOn === null ? null : endReason,
        extentPercent: random() < 0.75 ? 100 : pick([50, 75, 80]),
        employmentForm: commitment.employmentForm,
        ssykCode: pick(SSYK_BY_DIVISION[c.division] ?? ['9111']),
        wageSubsidy: pick<WageSubsidy>(['none', 'none', 'nystartsjobb', 'lonebidrag', 'introduktionsjobb']),
      });
    }
  }
  for (const c of made) {
    const mine = rows.filter((r) => r.contractId === c.id);
    if (mine.length > 0) await insertPlacementRows(db, c.organisationId, mine, now);
  }
  // Quarterly reports for every period due by today; about one in fifteen is missing.
  const reports: Array<typeof periodReports.$inferInsert> = [];
  for (const c of made) {
    for (const period of reportingPeriods(c, 3)) {
      if (period.dueOn >= today) break;
      if (!c.ladder && random() < 0.07) continue;
      reports.push({
        organisationId: c.organisationId,
        contractId: c.id,
        periodSequence: period.sequence,
        periodStartsOn: period.startsOn,
        periodEndsOn: period.endsOn,
        reportedOn: addDays(period.dueOn, -Math.floor(random() * 10)),
        meetingsHeldOn: period.sequence === 1 ? [addDays(period.startsOn, 20)] : [],
        sharePercent: null,
        summary: { placements: [], commitments: [], demo: true },
        note: 'Demo: rapporten registrerad av stödfunktionen.',
        enteredBy: null,
        createdAt: now,
      });
    }
  }
  for (let i = 0; i < reports.length; i += 500) await db.insert(periodReports).values(reports.slice(i, i + 500));
  await seedSanctionLadder(db, made.find((c) => c.ladder), today, now);
  for (const org of orgs) {
    await runDailyFollowUpCheck(db, today, now, { organisationId: org.id });
    await db.insert(auditEvents).values({ organisationId: org.id, actorLabel: 'hansyn seed', action: 'demo.contracts_seeded', entityType: 'organisation', entityId: org.id, after: { contracts: made.filter((c) => c.organisationId === org.id).length } });
  }
  return { contracts: made.length, placements: rows.length };
}

/**
 * One contract with no hire at all, taken up the whole ladder: dialogue after the first-hire
 * deadline, a correction notice, vite once its deadline passed, exclusion from call-offs and
 * a recommendation to terminate, each a month apart (steps later than today are left out).
 */
async function seedSanctionLadder(db: Database, contract: DemoContract | undefined, today: string, now: Date): Promise<void> {
  if (!contract) return;
  const [commitment] = (await listContractCommitments(db, contract.organisationId, [contract.id])).filter((c) => c.kind === 'employment_condition');
  if (!commitment) return;
  const terms = deriveCommitmentTerms({ type: commitment.kind, parameters: commitment.parameters }, { calledOffValueOre: null });
  const deadline = addMonths(contract.startsOn, terms.firstHireWithinMonths ?? 6);
  const history: SanctionStepFacts[] = [];
  const plan: Array<[SanctionStepKind, string, string]> = [
    ['dialogue_note', addDays(deadline, 10), 'Ingen anställning gjord inom sex månader. Dialog med leverantören om rekryteringsplan. (demo)'],
    ['correction_notice', addDays(deadline, 40), 'Ingen anställning efter dialogen; skriftlig begäran om rättelse. (demo)'],
  ];
  const noticeDeadline = addDays(plan[1]![1], terms.correctionDays);
  plan.push(
    ['penalty_decision', addDays(noticeDeadline, 5), 'Bristen rättades inte inom fristen; vite enligt avtalet. (demo)'],
    ['exclusion', addDays(noticeDeadline, 35), 'Fortfarande ingen anställning; inga fler avrop. (demo)'],
    ['termination_recommendation', addDays(noticeDeadline, 65), 'Väsentligt avtalsbrott; stödfunktionen rekommenderar hävning. (demo)'],
  );
  for (const [kind, takenOn, reason] of plan) {
    if (takenOn > today) break;
    const open = evaluateCommitment({ terms, contract, placements: [], asOf: takenOn }).openPositions;
    const check = checkSanctionStep(history, kind, takenOn, { correctionDays: terms.correctionDays, penaltyOre: terms.penaltyOre, openPositions: open });
    if (!check.ok) break;
    history.push(check.step);
    await insertCheckedSanctionStep(db, contract.organisationId, {
      contractId: contract.id,
      commitmentId: commitment.id,
      deviationId: null,
      kind,
      takenOn,
      deadline: check.step.deadline,
      correctedOn: null,
      amountOre: check.step.amountOre,
      reason,
      evidence: 'Kvartalsrapporter utan anställningar; mötesanteckning. (demo)',
      takenBy: null,
      takenByLabel: 'Stödfunktionen (demo)',
      approvedBy: null,
      now,
    });
  }
}
