import { createHash } from 'node:crypto';
import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import type { ProcurementFacts } from '../../../domain/procurement/procurement.js';
import { screenProcurement, type ScreeningResult } from '../../../domain/screening/screen-procurement.js';
import type { ScreeningPolicy } from '../../../domain/screening/screening-policy.js';
import { loadCpvCatalogue } from '../../../interop/reference/cpv-catalogue.js';
import { AppError, validationFailed, type FieldError } from '../../errors.js';
import { assertCan, type AuditActor, type Who } from '../../access.js';
import { recordAudit } from '../audit/audit-service.js';
import { getProcurement } from '../procurements/procurement-read-service.js';
import {
  findCurrentPolicy,
  findCurrentScreening,
  insertInitialScreenings,
  insertPolicyVersion,
  insertScreening,
  listPolicyVersions,
  type NewScreening,
  type ScreeningRecord,
  type ScreeningTrigger,
} from './screening-repository.js';
import type { PolicyVersionView, ScreeningView } from './screening-schemas.js';

/** The current screening of a procurement as stored, for other features (decisions). */
export { findCurrentScreening };

/** Exactly the facts the screening rules read; titles and the contract start do not matter. */
function relevantFacts(facts: ProcurementFacts): ProcurementFacts {
  return {
    contractNature: facts.contractNature,
    mainCpv: facts.mainCpv,
    additionalCpv: [...facts.additionalCpv],
    estimatedValueOre: facts.estimatedValueOre,
    contractStart: null,
    durationMonths: facts.durationMonths,
    extensionMonths: facts.extensionMonths,
    labourNeedFte: facts.labourNeedFte,
    lots: facts.lots.map((l) => ({ lotNumber: l.lotNumber, title: '', mainCpv: l.mainCpv, estimatedValueOre: l.estimatedValueOre, durationMonths: l.durationMonths })),
  };
}

/** Fingerprint of what a screening depends on: the relevant facts and the policy version. */
export function screeningFingerprint(facts: ProcurementFacts, policyVersion: number): string {
  return createHash('sha256').update(JSON.stringify({ facts: relevantFacts(facts), policyVersion })).digest('hex');
}

export interface ScreenOptions {
  organisationId: string;
  procurementId: string;
  facts: ProcurementFacts;
  trigger: ScreeningTrigger;
  userId: string | null;
  now: Date;
  /** Store a new screening even when facts and policy are unchanged (an explicit re-run). */
  force?: boolean;
}

/**
 * Screens a procurement with the organisation's current policy and stores the result as its
 * current screening, unless the facts and policy version are the same as last time. The
 * caller owns the transaction: the procurement service calls this right after inserting or
 * updating a procurement, so the register never shows a procurement without its screening.
 */
export async function screenAndStore(db: Database, options: ScreenOptions): Promise<ScreeningRecord> {
  const policy = await findCurrentPolicy(db, options.organisationId);
  const factsHash = screeningFingerprint(options.facts, policy.version);
  if (!options.force) {
    const current = await findCurrentScreening(db, options.organisationId, options.procurementId);
    if (current && current.factsHash === factsHash) return current;
  }
  const result = screenProcurement(relevantFacts(options.facts), policy);
  return insertScreening(db, {
    organisationId: options.organisationId,
    procurementId: options.procurementId,
    result,
    factsHash,
    trigger: options.trigger,
    createdBy: options.userId,
    createdAt: options.now,
  });
}

/**
 * The hook the procurement service calls inside its transaction after a procurement is created
 * or its fields change. Re-screens only when a screening-relevant fact changed.
 */
export async function screenAfterProcurementChange(
  db: Database,
  who: AuditActor,
  procurementId: string,
  facts: ProcurementFacts,
  trigger: 'created' | 'updated',
  now: Date,
): Promise<void> {
  const isActor = 'actor' in who;
  await screenAndStore(db, {
    organisationId: isActor ? who.actor.organisationId : who.organisationId,
    procurementId,
    facts,
    trigger,
    userId: isActor ? who.actor.userId : null,
    now,
  });
}

/**
 * Screens freshly inserted procurements in bulk inserts (imports, demo data): the first
 * screening of each, against the organisation's current policy.
 */
export async function screenNewProcurements(
  db: Database,
  organisationId: string,
  procurements: ReadonlyArray<{ id: string; facts: ProcurementFacts }>,
  now: Date,
  trigger: 'seed' | 'created' = 'seed',
  userId: string | null = null,
): Promise<void> {
  if (procurements.length === 0) return;
  const policy = await findCurrentPolicy(db, organisationId);
  const rows: NewScreening[] = procurements.map((p) => ({
    organisationId,
    procurementId: p.id,
    result: screenProcurement(relevantFacts(p.facts), policy),
    factsHash: screeningFingerprint(p.facts, policy.version),
    trigger,
    createdBy: userId,
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await insertInitialScreenings(db, rows.slice(i, i + 500));
}

/** The API view of a stored screening. `reasons` lists the summary and then every rule that did not pass. */
export function presentScreening(record: ScreeningRecord, currentPolicyVersion: number | null = null): ScreeningView {
  const r: ScreeningResult = record.result;
  return {
    id: record.id,
    recommendation: r.recommendation,
    summary: r.summary,
    reasons: [r.summary, ...r.rules.filter((rule) => rule.outcome !== 'pass').map((rule) => rule.reason)],
    rules: r.rules,
    missingFacts: r.missingFacts,
    lots: r.lots,
    policyVersion: record.policyVersion,
    isPolicyOutdated: currentPolicyVersion !== null && currentPolicyVersion !== record.policyVersion,
    trigger: record.trigger,
    screenedAt: record.createdAt.toISOString(),
  };
}

/**
 * The current screening of a procurement. A procurement registered before screening existed
 * (or imported by other means) is screened on first read.
 */
export async function getCurrentScreening(db: Database, actor: Actor, procurementId: string, now: Date): Promise<ScreeningView> {
  return db.transaction(async (tx) => {
    const record = await getProcurement(tx, actor, procurementId);
    const current =
      (await findCurrentScreening(tx, actor.organisationId, procurementId)) ??
      (await screenAndStore(tx, { organisationId: actor.organisationId, procurementId, facts: record, trigger: 'manual', userId: null, now }));
    const policy = await findCurrentPolicy(tx, actor.organisationId);
    return presentScreening(current, policy.version);
  });
}

/** Re-runs the screening on demand with the current policy (POST …/screening); audited. */
export async function runScreening(db: Database, who: Who, procurementId: string, now: Date): Promise<ScreeningView> {
  return db.transaction(async (tx) => {
    const record = await getProcurement(tx, who.actor, procurementId);
    assertCan(who.actor, 'screening:run', { organisationId: record.organisationId, unitId: record.unitId });
    const stored = await screenAndStore(tx, {
      organisationId: who.actor.organisationId,
      procurementId,
      facts: record,
      trigger: 'manual',
      userId: who.actor.userId,
      now,
      force: true,
    });
    await recordAudit(tx, who, {
      action: 'screening.run',
      entityType: 'procurement',
      entityId: procurementId,
      after: { recommendation: stored.result.recommendation, policyVersion: stored.policyVersion, missingFacts: stored.result.missingFacts },
    });
    return presentScreening(stored, stored.policyVersion);
  });
}

export async function getScreeningPolicy(db: Database, actor: Actor): Promise<ScreeningPolicy> {
  assertCan(actor, 'screening_policy:read', { organisationId: actor.organisationId });
  return findCurrentPolicy(db, actor.organisationId);
}

export async function getScreeningPolicyVersions(db: Database, actor: Actor): Promise<PolicyVersionView[]> {
  assertCan(actor, 'screening_policy:read', { organisationId: actor.organisationId });
  await findCurrentPolicy(db, actor.organisationId);
  const mayReadPeople = can(actor, 'personal_data:read', { organisationId: actor.organisationId });
  return (await listPolicyVersions(db, actor.organisationId)).map((v) => ({
    version: v.version,
    policy: v.policy,
    createdBy: mayReadPeople ? v.createdBy : null,
    createdAt: v.createdAt.toISOString(),
  }));
}

/** What the HTTP schema cannot see: unknown CPV codes and repeated question ids. */
function checkPolicy(policy: ScreeningPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const catalogue = loadCpvCatalogue();
  for (const list of ['include', 'exclude'] as const) {
    policy.cpv[list].forEach((code, i) => {
      if (!catalogue.has(code)) errors.push({ path: `/body/cpv/${list}/${i}`, code: 'unknown_cpv', message: `${code} is not a CPV 2008 code.` });
    });
  }
  const ids = policy.readinessQuestions.map((q) => q.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) errors.push({ path: `/body/readinessQuestions/${i}/id`, code: 'duplicate', message: `The question id ${id} is used more than once.` });
  });
  return errors;
}

/**
 * Saves a policy change as a new version; never updates in place, so every screening keeps
 * pointing at the policy it was made with. `version` in the body is the version the editor
 * started from; a stale one is refused. Existing screenings are not re-run (docs/requirements.md).
 */
export async function putScreeningPolicy(db: Database, who: Who, input: ScreeningPolicy): Promise<ScreeningPolicy> {
  const organisationId = who.actor.organisationId;
  assertCan(who.actor, 'screening_policy:edit', { organisationId });
  const problems = checkPolicy(input);
  if (problems.length > 0) throw validationFailed(problems);
  return db.transaction(async (tx) => {
    const current = await findCurrentPolicy(tx, organisationId);
    if (input.version !== current.version) {
      throw new AppError('stale_version', `The policy was changed after you opened it (now version ${current.version}). Reload and try again.`, {
        currentVersion: current.version,
      });
    }
    const next: ScreeningPolicy = { ...input, version: current.version + 1 };
    if (!(await insertPolicyVersion(tx, organisationId, next, who.actor.userId))) {
      throw new AppError('stale_version', 'Someone else saved the policy at the same time. Reload and try again.');
    }
    await recordAudit(tx, who, { action: 'screening_policy.changed', entityType: 'screening_policy', entityId: organisationId, before: current, after: next });
    return next;
  });
}

/**
 * An organisation's first screening policy, written without a request (the demo seed, setting
 * up an organisation): no rights check and no audit event, the caller records what it did.
 * False when the organisation already has a policy of that version.
 */
export function startScreeningPolicy(db: Database, organisationId: string, policy: ScreeningPolicy): Promise<boolean> {
  return insertPolicyVersion(db, organisationId, policy, null);
}
