import type { Database } from '../../../db/client.js';
import { can, type Actor } from '../../../domain/access/can.js';
import { calculateGoalFulfilment, type GoalFulfilment } from '../../../domain/decisions/calculate-goal-fulfilment.js';
import { hasSocialConsiderations } from '../../../domain/decisions/decision.js';
import { validateDecision, type DecisionError } from '../../../domain/decisions/validate-decision.js';
import { isPublishedOrLater } from '../../../domain/procurement/procurement-status.js';
import { deriveEformsFields, type LotEformsFields } from '../../../domain/requirements/derive-eforms-fields.js';
import { renderRequirement } from '../../../domain/requirements/render-requirement.js';
import type { RequirementsAnnexInput } from '../../../domain/requirements/requirements-annex.js';
import { targetGroupLabels } from '../../../domain/requirements/target-groups.js';
import { validateParameters } from '../../../domain/requirements/validate-parameters.js';
import type { Language } from '../../../domain/shared/localized-text.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../errors.js';
import { assertCan, type Who } from '../../access.js';
import { recordAudit } from '../audit/audit-service.js';
import { getProcurement, type ProcurementRecord } from '../procurements/procurement-read-service.js';
import { loadDecisionLibrary } from '../requirements/requirement-service.js';
import { findCurrentScreening, screenAndStore } from '../screening/screening-service.js';
import {
  countDecisionsOfRegister,
  findDecision,
  findGoalPercent,
  findOrganisationName,
  listGoalRows,
  saveDecision,
  type DecisionRecord,
  type DecisionWrite,
  type StoredRequirement,
} from './decision-repository.js';
import type { DecisionBody, DecisionView, GoalFulfilmentView } from './decision-schemas.js';


/** `requirements[0].parameters.positions` → `/body/requirements/0/parameters/positions`. */
export function bodyPath(domainPath: string): string {
  if (domainPath === '') return '/body';
  return `/body/${domainPath.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}`;
}

function toFieldError(error: DecisionError): FieldError {
  return { path: bodyPath(error.path), code: error.parameterError?.code ?? error.code, message: error.message.en };
}

async function present(db: Database, actor: Actor, procurement: ProcurementRecord, decision: DecisionRecord, now: Date): Promise<DecisionView> {
  const library = await loadDecisionLibrary(db, actor.organisationId, decision.requirements.map((r) => r.templateVersionId), now);
  const labels = targetGroupLabels(library.targetGroups);
  const mayReadPeople = can(actor, 'personal_data:read', { organisationId: procurement.organisationId, unitId: procurement.unitId });
  return {
    id: decision.id,
    procurementId: decision.procurementId,
    kind: decision.kind,
    justification: decision.justification,
    recommendation: decision.recommendation,
    screeningId: decision.screeningId,
    hasSocialConsiderations: hasSocialConsiderations({ kind: decision.kind, requirements: decision.requirements, justification: decision.justification }),
    isLocked: isPublishedOrLater(procurement.status),
    revision: decision.revision,
    decidedBy: mayReadPeople ? decision.decidedBy : null,
    decidedAt: decision.decidedAt.toISOString(),
    requirements: decision.requirements.map((r) => {
      const version = library.versions.find((v) => v.id === r.templateVersionId)!;
      return {
        templateVersionId: r.templateVersionId,
        templateId: version.templateId,
        templateKey: version.templateKey,
        version: version.version,
        type: version.content.type,
        level: version.content.level,
        title: version.content.title,
        lotNumbers: r.lotNumbers,
        parameters: r.parameters,
        rendered: {
          sv: renderRequirement(version.content, r.parameters, 'sv', labels),
          en: renderRequirement(version.content, r.parameters, 'en', labels),
        },
      };
    }),
  };
}

export async function getDecision(db: Database, actor: Actor, procurementId: string, now: Date): Promise<DecisionView> {
  const procurement = await getProcurement(db, actor, procurementId);
  const decision = await findDecision(db, actor.organisationId, procurementId);
  if (!decision) throw notFound('A decision for this procurement');
  return present(db, actor, procurement, decision, now);
}

/**
 * Records (or revises) the decision on social considerations: comply or explain against the
 * current screening, locked once the procurement is published, every parameter checked against
 * the template version it fills. Audited with before and after; each write bumps `revision`.
 */
export async function recordDecision(db: Database, who: Who, procurementId: string, body: DecisionBody, now: Date): Promise<DecisionView> {
  const organisationId = who.actor.organisationId;
  return db.transaction(async (tx) => {
    const procurement = await getProcurement(tx, who.actor, procurementId);
    assertCan(who.actor, 'decision:record', { organisationId, unitId: procurement.unitId });
    const screening =
      (await findCurrentScreening(tx, organisationId, procurementId)) ??
      (await screenAndStore(tx, { organisationId, procurementId, facts: procurement, trigger: 'decision', userId: who.actor.userId, now }));
    const library = await loadDecisionLibrary(tx, organisationId, body.requirements.map((r) => r.templateVersionId), now);
    const activeGroups = library.targetGroups.filter((g) => g.active);
    const decision = { kind: body.kind, requirements: body.requirements, justification: body.justification };
    const validation = validateDecision({
      recommendation: screening.result.recommendation,
      decision,
      procurementStatus: procurement.status,
      lotNumbers: procurement.lots.map((l) => l.lotNumber),
      templateVersions: library.versions,
      targetGroups: activeGroups,
    });
    if (!validation.ok) {
      const locked = validation.errors.find((e) => e.code === 'locked');
      if (locked) throw new AppError('decision_locked', locked.message.en, { procurementStatus: procurement.status });
      throw validationFailed(validation.errors.map(toFieldError));
    }
    const requirements: StoredRequirement[] = body.requirements.map((r) => {
      const version = library.versions.find((v) => v.id === r.templateVersionId)!;
      const checked = validateParameters(version.content, r.parameters, activeGroups);
      if (!checked.ok) throw new Error('validateDecision accepted parameters that validateParameters refuses');
      return { templateVersionId: r.templateVersionId, lotNumbers: r.lotNumbers === null ? null : [...r.lotNumbers].sort((a, b) => a - b), parameters: checked.values };
    });
    const existing = await findDecision(tx, organisationId, procurementId);
    if (existing && body.revision !== undefined && body.revision !== existing.revision) {
      throw new AppError('stale_version', 'Someone else revised this decision after you opened it. Reload and try again.', { currentRevision: existing.revision });
    }
    const saved = await saveDecision(tx, organisationId, procurementId, existing ? { id: existing.id, revision: existing.revision } : null, {
      kind: body.kind,
      justification: body.justification.trim(),
      recommendation: screening.result.recommendation,
      screeningId: screening.id,
      decidedBy: who.actor.userId,
      decidedAt: now,
      requirements,
    });
    if (!saved) throw new AppError('stale_version', 'Someone else recorded a decision at the same time. Reload and try again.');
    const after = (await findDecision(tx, organisationId, procurementId))!;
    const snapshot = (d: DecisionRecord) => ({
      kind: d.kind,
      justification: d.justification,
      recommendation: d.recommendation,
      revision: d.revision,
      requirements: d.requirements,
    });
    await recordAudit(tx, who, {
      action: existing ? 'decision.revised' : 'decision.recorded',
      entityType: 'procurement',
      entityId: procurementId,
      before: existing ? snapshot(existing) : undefined,
      after: snapshot(after),
    });
    return present(tx, who.actor, procurement, after, now);
  });
}

/** The annex input for a procurement whose decision applies requirements; 404 otherwise. */
export async function loadAnnexInput(db: Database, actor: Actor, procurementId: string, lang: Language, now: Date): Promise<RequirementsAnnexInput> {
  const procurement = await getProcurement(db, actor, procurementId);
  const decision = await findDecision(db, actor.organisationId, procurementId);
  if (!decision || decision.kind !== 'apply' || decision.requirements.length === 0) throw notFound('A decision applying requirements to this procurement');
  const library = await loadDecisionLibrary(db, actor.organisationId, decision.requirements.map((r) => r.templateVersionId), now);
  return {
    lang,
    organisationName: await findOrganisationName(db, actor.organisationId),
    procurement: {
      referenceNumber: procurement.referenceNumber,
      title: procurement.title,
      lots: procurement.lots.map((l) => ({ lotNumber: l.lotNumber, title: l.title })),
    },
    requirements: decision.requirements.map((r) => ({
      template: library.versions.find((v) => v.id === r.templateVersionId)!.content,
      values: r.parameters,
      lotNumbers: r.lotNumbers,
    })),
    targetGroupLabels: targetGroupLabels(library.targetGroups),
  };
}

/** eForms BT-06, BT-775, BT-71, BT-736 and BT-70 per lot, from the decision. */
export async function eformsFieldsFor(db: Database, actor: Actor, procurementId: string, now: Date): Promise<LotEformsFields[]> {
  const input = await loadAnnexInput(db, actor, procurementId, 'sv', now);
  return deriveEformsFields({
    lotNumbers: input.procurement.lots.map((l) => l.lotNumber),
    requirements: input.requirements,
    targetGroupLabels: input.targetGroupLabels,
  });
}

export const GOAL_DEFINITION =
  'Share of the year’s service procurements (contract nature services, planned contract start in the year, cancelled ones excluded) whose decision applies at least one requirement.';

/** The goal figure for a year, for the organisation and per unit (calculateGoalFulfilment). */
export async function goalFulfilment(db: Database, actor: Actor, year: number): Promise<GoalFulfilmentView> {
  assertCan(actor, 'procurement:read', { organisationId: actor.organisationId });
  const goalPercent = await findGoalPercent(db, actor.organisationId);
  const rows = await listGoalRows(db, actor.organisationId, year);
  const figures = (list: typeof rows) => {
    const r: GoalFulfilment = calculateGoalFulfilment({
      year,
      goalPercent,
      procurements: list.map((p) => ({ contractNature: p.contractNature, year, hasSocialConsiderations: p.hasSocialConsiderations })),
    });
    return { serviceProcurements: r.serviceProcurements, withSocialConsiderations: r.withSocialConsiderations, sharePercent: r.sharePercent, isGoalMet: r.isGoalMet, shortfall: r.shortfall };
  };
  const units = new Map<string, { id: string; name: string }>();
  for (const r of rows) if (r.contractNature === 'services') units.set(r.unitId, { id: r.unitId, name: r.unitName });
  return {
    year,
    goalPercent,
    definition: GOAL_DEFINITION,
    ...figures(rows),
    byUnit: [...units.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      .map((unit) => ({ unit, ...figures(rows.filter((r) => r.unitId === unit.id)) })),
  };
}

/**
 * How many of the organisation's procurements have a recorded decision, and how many apply
 * requirements: the market view's peer comparison shows it beside the notices (no permission
 * check here; the caller has checked `market:read` for its own organisation).
 */
export function countRegisterDecisions(db: Database, organisationId: string): Promise<{ procurements: number; decided: number; applied: number }> {
  return countDecisionsOfRegister(db, organisationId);
}

/**
 * A procurement's first decision, written without a request (the demo seed): no rights check,
 * no validation against the library and no audit event — the caller has checked the parameters
 * and records the event itself. False when the procurement already has a decision.
 */
export function insertFirstDecision(db: Database, organisationId: string, procurementId: string, write: DecisionWrite): Promise<boolean> {
  return saveDecision(db, organisationId, procurementId, null, write);
}
