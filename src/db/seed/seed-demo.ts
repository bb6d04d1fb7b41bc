import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../server/features/auth/auth-service.js';
import { ensureLibrary } from '../../server/features/requirements/requirement-service.js';
import { screenNewProcurements, startScreeningPolicy } from '../../server/features/screening/screening-service.js';
import { DEFAULT_SCREENING_POLICY } from '../../domain/screening/screening-policy.js';
import { EMPLOYMENT_CONDITION } from '../../domain/requirements/starter-templates.js';
import { validateParameters } from '../../domain/requirements/validate-parameters.js';
import { insertFirstDecision } from '../../server/features/decisions/decision-service.js';
import { requirementTemplates, requirementTemplateVersions, screenings } from '../schema/index.js';
import { and, eq } from 'drizzle-orm';
import { createRandom } from './generate-demo-data.js';
import { REFERENCE_DIR } from '../../paths.js';
import type { Database } from '../client.js';
import { auditEvents, memberships, organisations, procurementLots, procurements, units, users } from '../schema/index.js';
import { generateDemoData, type Municipality } from './generate-demo-data.js';
import { seedProcurementHistory } from './seed-history.js';
import { seedDemoNotices } from './seed-demo-notices.js';
import type { ParticipantKeyring } from '../../server/features/matching/participant-service.js';

/** The one password of every demo account; printed at first start and written in the README. */
export const DEMO_PASSWORD = 'hansyn-demo-2026';

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
  organisation: string;
}

export function loadMunicipalities(): Municipality[] {
  const text = fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'kommuner-scb.csv'), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Array<{ municipality_code: string; municipality_name: string }>;
  return rows.map((r) => ({ code: r.municipality_code, name: r.municipality_name }));
}

const BATCH = 500;

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

/**
 * Writes the generated demo data set in one transaction per organisation. Meant for an empty
 * database; every organisation is flagged `is_demo` so nobody mistakes it for real data.
 */
export async function seedDemo(
  db: Database,
  options: {
    scale: 'demo' | 'national';
    seed?: number;
    currentYear?: number;
    onProgress?: (done: number, total: number) => void;
    /** Import the demo eForms notices too (demo scale only): the first start does; `hansyn seed` does not. */
    notices?: boolean;
    /** The participant keyring (docs/privacy.md); without one no demo participants are seeded. */
    participantKeys?: ParticipantKeyring | null;
    /** The caller's clock reading (decision 0503): every seeded date and timestamp counts from it. */
    now: Date;
  },
): Promise<{ logins: DemoLogin[]; organisations: number; procurements: number }> {
  const data = generateDemoData({
    scale: options.scale,
    seed: options.seed ?? 2026,
    currentYear: options.currentYear ?? options.now.getFullYear(),
    municipalities: options.scale === 'national' ? loadMunicipalities() : [],
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  let procurementCount = 0;
  let done = 0;
  for (const org of data) {
    await db.transaction(async (tx) => {
      const [orgRow] = await tx
        .insert(organisations)
        .values({
          slug: org.slug,
          name: org.name,
          organisationNumber: org.organisationNumber,
          kind: 'municipality',
          municipalityCode: org.municipalityCode,
          isDemo: true,
        })
        .returning({ id: organisations.id });
      const organisationId = orgRow!.id;
      const unitIds = new Map<string, string>();
      for (const unit of org.units) {
        const [row] = await tx
          .insert(units)
          .values({ organisationId, code: unit.code, name: unit.name, parentId: unit.parentCode ? unitIds.get(unit.parentCode)! : null })
          .returning({ id: units.id });
        unitIds.set(unit.code, row!.id);
      }
      const userIds = new Map<string, string>();
      const userEmails = new Map<string, string>();
      for (const user of org.users) {
        userEmails.set(user.role, user.email);
        const [row] = await tx.insert(users).values({ email: user.email, displayName: user.displayName, passwordHash }).returning({ id: users.id });
        userIds.set(user.role, row!.id);
        await tx.insert(memberships).values({
          userId: row!.id,
          organisationId,
          role: user.role,
          unitId: user.unitCode && unitIds.has(user.unitCode) ? unitIds.get(user.unitCode)! : null,
        });
        if (options.scale === 'demo') logins.push({ email: user.email, password: DEMO_PASSWORD, role: user.role, organisation: org.slug });
      }
      const rows = org.procurements.map((p) => ({
        organisationId,
        referenceNumber: p.referenceNumber,
        title: p.title,
        description: p.description,
        unitId: unitIds.get(p.unitCode)!,
        responsibleUserId: p.responsibleRole ? (userIds.get(p.responsibleRole) ?? null) : null,
        contractNature: p.contractNature,
        mainCpv: p.mainCpv,
        additionalCpv: p.additionalCpv,
        estimatedValueOre: p.estimatedValueOre,
        contractStart: p.contractStart,
        durationMonths: p.durationMonths,
        extensionMonths: p.extensionMonths,
        procedureType: p.procedureType,
        labourNeedFte: p.labourNeedFte,
        status: p.status,
      }));
      const ids: string[] = [];
      await inBatches(rows, async (batch) => {
        const inserted = await tx.insert(procurements).values(batch).returning({ id: procurements.id });
        ids.push(...inserted.map((r) => r.id));
      });
      const lots = org.procurements.flatMap((p, i) => p.lots.map((l) => ({ ...l, organisationId, procurementId: ids[i]! })));
      await inBatches(lots, (batch) => tx.insert(procurementLots).values(batch));
      // Every organisation starts with the starter requirement library, and every procurement
      // with a screening against the default policy, as if registered through the API.
      const { now } = options;
      await ensureLibrary(tx, organisationId, now);
      // Göteborg has answered every readiness question with yes (political decision, a
      // support function, matching lead, regional network); Borås and the rest are still
      // getting there, so their screenings ask for an assessment.
      const answer = org.slug === 'goteborg' ? 'yes' : null;
      await startScreeningPolicy(tx, organisationId, {
        ...DEFAULT_SCREENING_POLICY,
        version: 1,
        readinessQuestions: DEFAULT_SCREENING_POLICY.readinessQuestions.map((q) => ({ ...q, answer })),
      });
      await screenNewProcurements(
        tx,
        organisationId,
        org.procurements.map((p, i) => ({ id: ids[i]!, facts: { ...p, lots: p.lots.map((l) => ({ ...l })) } })),
        now,
      );
      const withHistory = options.scale === 'demo' || org.slug === 'goteborg' || org.slug === 'boras';
      if (withHistory) {
        // The procurement page's history shows something real (issue 11 item 4).
        const actor = (role: string) => (userIds.has(role) ? { userId: userIds.get(role)!, label: userEmails.get(role)! } : null);
        await seedProcurementHistory(
          tx,
          organisationId,
          org.procurements.map((facts, i) => ({ id: ids[i]!, facts })),
          { procurer: actor('procurer'), coordinator: actor('coordinator') },
          now,
          [...org.slug].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7),
        );
      }
      if (org.slug === 'goteborg' || org.slug === 'boras') {
        await seedDemoDecisions(tx, organisationId, org.slug, org.slug === 'goteborg' ? 0.7 : 0.35, userIds.get('coordinator') ?? null, now, userEmails.get('coordinator') ?? 'hansyn seed');
      }
      await tx.insert(auditEvents).values({
        organisationId,
        actorLabel: 'hansyn seed',
        action: 'demo.seeded',
        entityType: 'organisation',
        entityId: organisationId,
        after: { units: org.units.length, users: org.users.length, procurements: rows.length, scale: options.scale },
      });
      procurementCount += rows.length;
    });
    options.onProgress?.(++done, data.length);
  }
  if (options.scale === 'demo') await (await import('./seed-demo-contracts.js')).seedDemoContracts(db, options.now);
  if (options.scale === 'demo') await (await import('./seed-demo-suppliers.js')).seedDemoSuppliers(db, options.now);
  if (options.scale === 'demo') await (await import('./seed-demo-outcomes.js')).seedDemoPendingHire(db, options.now);
  if (options.scale === 'demo') await (await import('./seed-demo-participants.js')).seedDemoParticipants(db, options.participantKeys ?? null, options.now);
  if (options.scale === 'demo') await (await import('./seed-demo-results.js')).seedDemoResults(db, options.now);
  if (options.scale === 'demo') await (await import('./seed-demo-outcomes.js')).seedDemoOutcomes(db, options.now);
  // The market view and notice pages show real notices from the first start.
  if (options.scale === 'demo' && options.notices === true) await seedDemoNotices(db, options.now);
  // Planner statistics for the bulk-loaded tables: PGlite has no autovacuum daemon, and without
  // them the register's joins get planned for empty tables (seq scans of units per query).
  await db.execute(sql`analyze`);
  return { logins, organisations: data.length, procurements: procurementCount };
}

/**
 * Comply-or-explain decisions for procurements that are already past publication, so the goal
 * figure and the register show a realistic history: a share of the recommended ones apply the
 * standard employment condition with its default parameters, the rest record "none" with a
 * reason. Deterministic per organisation.
 */
async function seedDemoDecisions(db: Database, organisationId: string, slug: string, applyShare: number, decidedBy: string | null, now: Date, decidedByLabel: string): Promise<void> {
  if (decidedBy === null) return;
  const [version] = await db
    .select({ id: requirementTemplateVersions.id })
    .from(requirementTemplateVersions)
    .innerJoin(requirementTemplates, eq(requirementTemplates.id, requirementTemplateVersions.templateId))
    .where(and(eq(requirementTemplates.organisationId, organisationId), eq(requirementTemplates.key, EMPLOYMENT_CONDITION.key)));
  const defaults = validateParameters(EMPLOYMENT_CONDITION, {});
  if (!version || !defaults.ok) return;
  const candidates = await db
    .select({ procurementId: screenings.procurementId, screeningId: screenings.id, recommendation: screenings.recommendation, status: procurements.status })
    .from(screenings)
    .innerJoin(procurements, eq(procurements.id, screenings.procurementId))
    .where(and(eq(screenings.organisationId, organisationId), eq(screenings.isCurrent, true)))
    .orderBy(procurements.referenceNumber);
  const random = createRandom([...slug].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 17));
  for (const c of candidates) {
    if (c.status === 'planned' || c.status === 'in_preparation' || c.status === 'cancelled') continue;
    if (c.recommendation === 'not_recommended') continue;
    const apply = random() < applyShare;
    const decision = {
      kind: (apply ? 'apply' : 'none') as 'apply' | 'none',
      justification: apply
        ? ''
        : 'Demo: arbetsmarknadsenheten bedömde att det saknades kandidater i branschen vid tidpunkten.',
      recommendation: c.recommendation,
      screeningId: c.screeningId,
      decidedBy,
      decidedAt: now,
      requirements: apply ? [{ templateVersionId: version.id, lotNumbers: null, parameters: defaults.values }] : [],
    };
    await insertFirstDecision(db, organisationId, c.procurementId, decision);
    // Recorded as the decision service records it, dated before the procurement was published.
    const published = await db
      .select({ createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.entityId, c.procurementId), eq(auditEvents.action, 'procurement.status_changed')))
      .orderBy(auditEvents.id)
      .limit(1);
    await db.insert(auditEvents).values({
      organisationId,
      actorUserId: decidedBy,
      actorLabel: decidedByLabel,
      action: 'decision.recorded',
      entityType: 'procurement',
      entityId: c.procurementId,
      after: { kind: decision.kind, justification: decision.justification, recommendation: decision.recommendation, revision: 1, requirements: decision.requirements },
      createdAt: new Date(Math.min((published[0]?.createdAt ?? now).getTime() + 3 * 86_400_000, now.getTime() - 30 * 60_000)),
    });
  }
}
