import { createHash } from 'node:crypto';
import { readTogether, type Database } from '../../../db/client.js';
import type { SupplierReportEnding, SupplierReportHire } from '../../../db/schema/index.js';
import { type Actor } from '../../../domain/access/can.js';
import type { Language } from '../../../domain/shared/localized-text.js';
import { detectEvidenceType, MAX_EVIDENCE_BYTES } from '../../../domain/supplier-portal/detect-evidence-type.js';
import { nextReport, validateSupplierReport } from '../../../domain/supplier-portal/supplier-report.js';
import { EMPLOYMENT_FORM_OPTIONS } from '../../../domain/requirements/starter-templates.js';
import type { SanctionLetterInput } from '../../../domain/follow-up/sanction-letter.js';
import { assertCan, type Who } from '../../access.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
import { addPlacement, changePlacement, readableContract, swedishDate, termsOf } from '../contracts/contract-service.js';
import { takesPlacements } from '../../../domain/follow-up/commitment-terms.js';
import { findContract, recordReport } from '../contracts/follow-up-service.js';
import { outcomesOfPlacements, recordSupplierOutcomes } from '../contracts/placement-outcome-service.js';
import { addMonths } from '../../../domain/follow-up/calendar.js';
import { ssykUnitGroup } from '../../../interop/reference/occupation-catalogue.js';
import { readXlsxWorkbook, SpreadsheetReadError } from '../../../interop/spreadsheet/read-spreadsheet.js';
import { afterEndProblemsOf } from '../../../interop/spreadsheet/supplier-after-end-sheet.js';
import {
  parseSupplierReportSheet,
  REPORT_READ_LIMITS,
  REPORT_UPLOAD_MAX_BYTES,
  sheetProblemsOf,
  writeSupplierReportTemplate,
  type ReportSheetContext,
  type ReportSheetProblem,
} from '../../../interop/spreadsheet/supplier-report-sheet.js';
import {
  supplierContractDetail,
  supplierContractFacts,
  supplierContractList,
  supplierLetterInput,
  type SupplierContractSummary,
  type SupplierPeriodView,
} from '../contracts/supplier-view-service.js';
import { answerProposalAsSupplier, createSupplierNeed, listSupplierNeeds, type ParticipantKeyring, type SupplierContractScope, type SupplierNeedCreate, type SupplierProposalAnswer } from '../matching/matching-service.js';
import { createInvitation, type MemberServiceDeps } from '../members/member-service.js';
import * as repo from './supplier-portal-repository.js';
import type { SupplierReportSubmit } from './supplier-portal-schemas.js';

/*
 * The supplier portal (docs/supplier-portal.md): a supplier organisation reads its contracts with
 * every buyer (through the contracts feature's supplier view, the one cross-tenant read) and
 * reports on them; the buyer's coordinators approve or question the reports. Every function
 * decides the supplier from the signed-in organisation, never from the request.
 */

const EMPLOYMENT_FORMS = new Set(EMPLOYMENT_FORM_OPTIONS.map((o) => o.value));

interface SupplierScope {
  supplierId: string;
  supplierOrganisationId: string;
}

/**
 * The supplier the actor's organisation speaks for. An organisation that is no supplier's (a
 * buyer, whatever its roles) gets 403 on the list and 404 on anything with an id, as another
 * organisation's record would.
 */
async function scopeOf(db: Database, actor: Actor, action: 'supplier_portal:read' | 'supplier_portal:report', onRecord: boolean): Promise<SupplierScope> {
  const refuse = () => (onRecord ? notFound('The contract') : new AppError('not_a_supplier_organisation', 'Only a supplier organisation’s members use the supplier portal; sign in to your company’s organisation.'));
  if (actor.organisationKind !== 'supplier') throw refuse();
  const supplierId = await repo.supplierIdOfOrganisation(db, actor.organisationId);
  if (supplierId === null) throw refuse();
  assertCan(actor, action, { organisationId: actor.organisationId });
  return { supplierId, supplierOrganisationId: actor.organisationId };
}

type ReportRow = repo.SupplierReportRecord;

function periodStatus(p: SupplierPeriodView, report: ReportRow | undefined, asOf: string): SupplierPeriodStatus {
  if (p.reported || report?.status === 'approved') return 'reported';
  if (report?.status === 'pending') return 'submitted';
  if (report?.status === 'question') return 'question';
  if (asOf < p.startsOn) return 'upcoming';
  if (asOf <= p.endsOn) return 'open';
  if (asOf <= p.dueOn) return 'due';
  return 'overdue';
}
type SupplierPeriodStatus = 'upcoming' | 'open' | 'due' | 'overdue' | 'submitted' | 'question' | 'reported';

function periodsWithReports(c: SupplierContractSummary, reports: ReportRow[], asOf: string) {
  const bySequence = new Map(reports.filter((r) => r.contractId === c.id).map((r) => [r.periodSequence, r]));
  return c.periods.map((p) => {
    const report = bySequence.get(p.sequence);
    const status = periodStatus(p, report, asOf);
    return { ...p, status, reportId: report?.id ?? null, submitted: status === 'submitted' || status === 'question', reported: status === 'reported' };
  });
}

function summaryFor(c: SupplierContractSummary, reports: ReportRow[], asOf: string) {
  const periods = periodsWithReports(c, reports, asOf);
  const next = nextReport(periods, asOf);
  const { periods: _periods, ...rest } = c;
  return { ...rest, nextReport: next ? { sequence: next.sequence, startsOn: next.startsOn, endsOn: next.endsOn, dueOn: next.dueOn, overdue: next.overdue } : null };
}

/** GET /api/supplier/contracts: the signed-in supplier's contracts with every buyer. */
export async function listMyContracts(db: Database, actor: Actor, now: Date) {
  const scope = await scopeOf(db, actor, 'supplier_portal:read', false);
  const asOf = swedishDate(now);
  const [list, reports] = await readTogether(db, [() => supplierContractList(db, scope.supplierId, asOf), () => repo.listReportsOfSupplierOrganisation(db, scope.supplierOrganisationId)]);
  const [first] = await supplierNames(db, scope);
  return { supplier: first!, asOf, items: list.map((c) => summaryFor(c, reports, asOf)) };
}

async function supplierNames(db: Database, scope: SupplierScope) {
  return repo.supplierRecord(db, scope.supplierId);
}

/** GET /api/supplier/contracts/{id}: what was promised, what is done, what is due, deviations, letters. */
export async function getMyContract(db: Database, actor: Actor, contractId: string, now: Date) {
  const scope = await scopeOf(db, actor, 'supplier_portal:read', true);
  const asOf = swedishDate(now);
  const detail = await supplierContractDetail(db, scope.supplierId, contractId, asOf);
  const reports = await repo.listReportsOfContract(db, contractId, { supplierOrganisationId: scope.supplierOrganisationId });
  const periods = periodsWithReports(detail, reports, asOf).map(({ submitted: _s, reported: _r, ...p }) => p);
  return { ...summaryFor(detail, reports, asOf), contact: detail.contact, periods, deviations: detail.deviations, letters: detail.letters, placements: detail.placements };
}

async function presentReports(db: Database, reports: ReportRow[]) {
  const ids = reports.map((r) => r.id);
  const [comments, evidence] = await readTogether(db, [() => repo.listComments(db, ids), () => repo.listEvidence(db, ids)]);
  return reports.map((r) => ({
    id: r.id,
    contractId: r.contractId,
    periodSequence: r.periodSequence,
    status: r.status,
    noChange: r.noChange,
    hires: r.hires.map((h) => ({ ...h, ssykCode: h.ssykCode ?? null })),
    endings: r.endings,
    note: r.note,
    attestedBy: r.attestedBy,
    submittedAt: r.submittedAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    version: r.version,
    comments: comments.filter((c) => c.reportId === r.id).map((c) => ({ id: c.id, side: c.side, authorName: c.authorName, body: c.body, createdAt: c.createdAt.toISOString() })),
    evidence: evidence.filter((e) => e.reportId === r.id).map((e) => ({ id: e.id, fileName: e.fileName, contentType: e.contentType, sizeBytes: e.sizeBytes, sha256: e.sha256, createdAt: e.createdAt.toISOString() })),
  }));
}

async function periodContext(db: Database, scope: SupplierScope, contractId: string, sequence: number, asOf: string) {
  const facts = await supplierContractFacts(db, scope.supplierId, contractId);
  const detail = await supplierContractDetail(db, scope.supplierId, contractId, asOf);
  const period = detail.periods.find((p) => p.sequence === sequence);
  if (!period) throw notFound('The reporting period');
  const reports = await repo.listReportsOfContract(db, contractId, { supplierOrganisationId: scope.supplierOrganisationId });
  const report = reports.find((r) => r.periodSequence === sequence);
  return { facts, detail, period, report, status: periodStatus(period, report, asOf) };
}

/** The report form of one period, pre-filled with the placements known so far. */
export async function reportForm(db: Database, who: Who & { displayName: string }, contractId: string, sequence: number, now: Date) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:read', true);
  const asOf = swedishDate(now);
  const { facts, detail, period, report, status } = await periodContext(db, scope, contractId, sequence, asOf);
  const [presented] = report ? await presentReports(db, [report]) : [null];
  return {
    contract: { id: detail.id, referenceNumber: detail.referenceNumber, title: detail.title, buyer: detail.buyer },
    period: { sequence: period.sequence, startsOn: period.startsOn, endsOn: period.endsOn, dueOn: period.dueOn, status, reportId: report?.id ?? null },
    commitments: detail.commitments.map((c) => ({ id: c.id, title: c.title, takesPlacements: c.takesPlacements })),
    employmentForms: [...EMPLOYMENT_FORMS],
    placements: detail.placements.filter((p) => p.startedOn <= period.endsOn && (p.endedOn === null || p.endedOn >= period.startsOn)),
    report: presented ?? null,
    afterEnd: await afterEndQuestions(db, facts.contract.organisationId, detail.placements, asOf),
    attestedByDefault: who.displayName,
  };
}

/**
 * The optional "still employed with us N months after the end" questions of a report (decision
 * 0806): every placement of the contract that ended at least six months ago, asked at 12 months
 * once a year has passed, else at 6, pre-filled with what is known for that N (the officer's
 * answer, or the supplier's own earlier one).
 */
async function afterEndQuestions(db: Database, organisationId: string, placements: Awaited<ReturnType<typeof supplierContractDetail>>['placements'], asOf: string) {
  const ended = placements.filter((p) => p.endedOn !== null && addMonths(p.endedOn, 6) <= asOf);
  const answers = await outcomesOfPlacements(db, organisationId, ended.map((p) => p.id));
  return ended
    .map((p) => {
      const monthsAfterEnd = addMonths(p.endedOn!, 12) <= asOf ? 12 : 6;
      const answer = answers.find((a) => a.placementId === p.id && a.monthsAfterEnd === monthsAfterEnd);
      return { placementId: p.id, participantRef: p.participantRef, endedOn: p.endedOn!, monthsAfterEnd, answer: answer ? { status: answer.status, source: answer.source } : null };
    })
    .sort((a, b) => (a.endedOn === b.endedOn ? a.participantRef.localeCompare(b.participantRef) : a.endedOn < b.endedOn ? 1 : -1));
}

type AfterEndInput = NonNullable<SupplierReportSubmit['afterEnd']>;

/** Each answer is about one of this contract's placements that ended at least its N months ago, once per placement and N. */
function checkAfterEnd(context: ReportContext, afterEnd: AfterEndInput, asOf: string) {
  const errors: Array<{ path: string; code: string; message: string }> = [];
  const seen = new Set<string>();
  afterEnd.forEach((a, i) => {
    const p = context.facts.placements.find((x) => x.id === a.placementId);
    if (!p) errors.push({ path: `/body/afterEnd/${i}/placementId`, code: 'unknown_placement', message: 'No such placement on this contract.' });
    else if (p.endedOn === null || addMonths(p.endedOn, a.monthsAfterEnd) > asOf) errors.push({ path: `/body/afterEnd/${i}/monthsAfterEnd`, code: 'too_early', message: `The placement has not been over for ${a.monthsAfterEnd} months yet.` });
    const key = `${a.placementId} ${a.monthsAfterEnd}`;
    if (seen.has(key)) errors.push({ path: `/body/afterEnd/${i}`, code: 'duplicate', message: 'The same placement and months are answered twice.' });
    seen.add(key);
  });
  return errors;
}

/** Stores the supplier's answers (an officer's answer is kept) with an audit event in both trails. */
async function saveAfterEnd(tx: Database, who: Who, context: ReportContext, afterEnd: AfterEndInput, now: Date): Promise<void> {
  if (afterEnd.length === 0) return;
  const organisationId = context.facts.contract.organisationId;
  const stored = await recordSupplierOutcomes(tx, organisationId, afterEnd, now);
  const after = { periodSequence: context.period.sequence, answers: afterEnd.length, stored, afterEnd };
  await recordAudit(tx, who, { action: 'supplier_report.after_end_answered', entityType: 'contract', entityId: context.facts.contract.id, after });
  await recordAudit(tx, { system: `${who.label} (${context.facts.contract.supplier.name})`, organisationId }, { action: 'supplier_report.after_end_answered', entityType: 'contract', entityId: context.facts.contract.id, after });
}

/**
 * Submits a period's report: "nothing has changed", or hires and endings, attested by name. It
 * waits for the buyer's coordinator (pending); a report the buyer asked a question about may be
 * submitted again. A period the buyer already has a report for, or one not yet begun, is refused.
 */
export async function submitReport(db: Database, who: Who, contractId: string, sequence: number, body: SupplierReportSubmit, now: Date) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  const asOf = swedishDate(now);
  return db.transaction(async (tx) => {
    const context = await reportableContext(tx, scope, contractId, sequence, asOf);
    const hires: SupplierReportHire[] = (body.hires ?? []).map((h) => ({ ...h, participantRef: h.participantRef.trim(), ssykCode: h.ssykCode ?? null }));
    const endings: SupplierReportEnding[] = body.endings ?? [];
    const input = { noChange: body.noChange, hires, endings, attestedBy: body.attestedBy.trim() };
    const errors = [...checkReport(context, input).map((e) => ({ path: `/body${e.field}`, code: e.code, message: e.message })), ...checkAfterEnd(context, body.afterEnd ?? [], asOf)];
    if (errors.length > 0) throw validationFailed(errors);
    const report = await saveReport(tx, who, scope, context, input, body.note?.trim() ?? '', now);
    await saveAfterEnd(tx, who, context, body.afterEnd ?? [], now);
    return report;
  });
}

type ReportContext = Awaited<ReturnType<typeof periodContext>>;
type ReportInput = { noChange: boolean; hires: SupplierReportHire[]; endings: SupplierReportEnding[]; attestedBy: string };

/** The period's context when a report may be submitted now: begun, not reported by the buyer, not waiting for the buyer. */
async function reportableContext(tx: Database, scope: SupplierScope, contractId: string, sequence: number, asOf: string): Promise<ReportContext> {
  const context = await periodContext(tx, scope, contractId, sequence, asOf);
  const { period, report, status } = context;
  if (status === 'upcoming') throw validationFailed([{ path: '/params/sequence', code: 'period_not_started', message: `This period starts on ${period.startsOn}.` }]);
  if (status === 'reported') throw new AppError('already_reported', 'The buyer already has the report for this period.');
  if (report && report.status !== 'question') throw new AppError('duplicate', 'This period’s report is already submitted and waits for the buyer.');
  return context;
}

/** The rules of a report (src/domain) against the contract's commitments and placements. */
function checkReport({ facts, detail, period }: ReportContext, input: ReportInput) {
  return validateSupplierReport(input, {
    period,
    placementCommitmentIds: new Set(detail.commitments.filter((c) => c.takesPlacements).map((c) => c.id)),
    placements: facts.placements,
    employmentForms: EMPLOYMENT_FORMS,
    isSsykCode: (code) => Boolean(ssykUnitGroup(code)),
  });
}

/**
 * Stores a checked report, the one way both the web form and the .xlsx upload save one: a new
 * report or the answer to a question, with the audit event in the supplier's and the buyer's trail.
 */
async function saveReport(tx: Database, who: Who, scope: SupplierScope, { facts, report, period }: ReportContext, input: ReportInput, note: string, now: Date) {
  const contractId = facts.contract.id;
  const sequence = period.sequence;
  const values = { ...input, note, submittedBy: who.actor.userId, submittedAt: now };
  let id: string;
  if (report) {
    if (!(await repo.resubmitReport(tx, report.id, report.version, values))) throw new AppError('stale_version', 'The report changed meanwhile. Reload and try again.');
    id = report.id;
  } else {
    const inserted = await repo.insertReport(tx, { organisationId: facts.contract.organisationId, contractId, supplierOrganisationId: scope.supplierOrganisationId, periodSequence: sequence, ...values });
    if (inserted === null) throw new AppError('duplicate', 'This period’s report is already submitted and waits for the buyer.');
    id = inserted;
  }
  const after = { reportId: id, periodSequence: sequence, noChange: input.noChange, hires: input.hires.length, endings: input.endings.length, attestedBy: input.attestedBy };
  await recordAudit(tx, who, { action: report ? 'supplier_report.resubmitted' : 'supplier_report.submitted', entityType: 'contract', entityId: contractId, after });
  // The buyer's trail shows it too: the report is the buyer's record from now on.
  await recordAudit(tx, { system: `${who.label} (${facts.contract.supplier.name})`, organisationId: facts.contract.organisationId }, { action: report ? 'supplier_report.resubmitted' : 'supplier_report.submitted', entityType: 'contract', entityId: contractId, after });
  const [row] = await repo.listReportsOfContract(tx, contractId, { supplierOrganisationId: scope.supplierOrganisationId }).then((rows) => rows.filter((r) => r.id === id));
  return (await presentReports(tx, [row!]))[0]!;
}

/* ---------------- the period's report as .xlsx ---------------- */

const EMPLOYMENT_FORM_LABELS = EMPLOYMENT_FORM_OPTIONS.map((o) => ({ value: o.value, label: { sv: capitalise(o.label.sv), en: capitalise(o.label.en.replace(/^an? /, '')) } }));
function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}

/** What the template shows and the upload is read against; `afterEnd` is the form's questions (afterEndQuestions). */
function sheetContext({ detail, period }: ReportContext, afterEnd: ReportSheetContext['afterEnd']): ReportSheetContext {
  const placements = detail.placements.filter((p) => p.startedOn <= period.endsOn && (p.endedOn === null || p.endedOn >= period.startsOn));
  return {
    contract: { referenceNumber: detail.referenceNumber, title: detail.title, buyerName: detail.buyer.name },
    period: { sequence: period.sequence, startsOn: period.startsOn, endsOn: period.endsOn, dueOn: period.dueOn },
    commitments: detail.commitments.filter((c) => c.takesPlacements).map((c) => ({ id: c.id, title: c.title })),
    placements,
    employmentForms: EMPLOYMENT_FORM_LABELS,
    afterEnd,
  };
}

/**
 * GET …/periods/{n}/report.xlsx: the period's template, pre-filled with the placements known so
 * far and with the same "still employed with us" questions and pre-fill as the web form.
 */
export async function reportTemplate(db: Database, actor: Actor, contractId: string, sequence: number, now: Date): Promise<{ fileName: string; content: Buffer }> {
  const scope = await scopeOf(db, actor, 'supplier_portal:read', true);
  const asOf = swedishDate(now);
  const context = await periodContext(db, scope, contractId, sequence, asOf);
  const questions = await afterEndQuestions(db, context.facts.contract.organisationId, context.detail.placements, asOf);
  const safeRef = context.detail.referenceNumber.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return { fileName: `rapport-${safeRef}-period-${sequence}.xlsx`, content: await writeSupplierReportTemplate(sheetContext(context, questions)) };
}

function importInvalid(problems: ReportSheetProblem[]): AppError {
  return new AppError('import_invalid', `The file has ${problems.length} error${problems.length === 1 ? '' : 's'}; nothing was saved.`, { errors: problems.slice(0, 1000), errorCount: problems.length });
}

/**
 * Reads an uploaded report workbook: at most 2 MB, a zip by its first bytes, bounded when
 * unpacked (parts, size), only the template's sheets and columns, no formulas; then the same rules
 * as the web form. Every problem of every row answers 422 `import_invalid` with row and column,
 * and nothing is stored. With `preview` it answers what would change; otherwise it saves the
 * report and the "still employed with us" answers through the same functions as the web form
 * (saveReport, saveAfterEnd: an officer's answer is kept), in one transaction.
 */
export async function uploadReport(db: Database, who: Who & { displayName: string }, contractId: string, sequence: number, file: UploadedFile, options: { preview: boolean; attestedBy: string | null; note: string | null }, now: Date) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  if (file.truncated || file.buffer.length > REPORT_UPLOAD_MAX_BYTES) throw new AppError('payload_too_large', 'The file is larger than 2 MB; start from the template of this period.', { maxBytes: REPORT_UPLOAD_MAX_BYTES });
  let sheets;
  try {
    sheets = await readXlsxWorkbook(file.buffer, REPORT_READ_LIMITS);
  } catch (error) {
    if (!(error instanceof SpreadsheetReadError)) throw error;
    if (error.reason === 'too_many_rows') throw importInvalid([{ sheet: '', row: 1, column: '', code: 'too_many_rows', message: error.message }]);
    throw new AppError(error.reason === 'unsupported_format' ? 'unsupported_media_type' : error.reason === 'too_large' ? 'payload_too_large' : 'bad_request', error.message);
  }
  const attestedBy = (options.attestedBy ?? '').trim();
  if (!options.preview && attestedBy.replace(/[^\p{L}]/gu, '').length < 2) throw validationFailed([{ path: '/body/attestedBy', code: 'attestation_required', message: 'Write your name to attest that the report is correct.' }]);
  const asOf = swedishDate(now);
  return db.transaction(async (tx) => {
    const context = await reportableContext(tx, scope, contractId, sequence, asOf);
    const organisationId = context.facts.contract.organisationId;
    const questions = await afterEndQuestions(tx, organisationId, context.detail.placements, asOf);
    const parsed = parseSupplierReportSheet(sheets, sheetContext(context, questions));
    if (parsed.problems.length > 0) throw importInvalid(parsed.problems);
    const hires = parsed.hires.map((h) => h.value);
    const endings = parsed.endings.map((e) => e.value);
    const afterEnd = parsed.afterEnd.answers.map((a) => a.value);
    const input: ReportInput = { noChange: hires.length === 0 && endings.length === 0, hires, endings, attestedBy: options.preview ? who.displayName : attestedBy };
    const errors = [...sheetProblemsOf(checkReport(context, input), parsed), ...afterEndProblemsOf(checkAfterEnd(context, afterEnd, asOf), parsed.afterEnd)];
    if (errors.length > 0) throw importInvalid(errors);
    if (options.preview) {
      const refOf = (id: string) => context.detail.placements.find((p) => p.id === id)?.participantRef ?? '';
      // Shown, not decided here: saveAfterEnd keeps an officer's answer whatever the preview says.
      const byOfficer = new Set((await outcomesOfPlacements(tx, organisationId, afterEnd.map((a) => a.placementId))).filter((o) => o.source === 'officer').map((o) => `${o.placementId} ${o.monthsAfterEnd}`));
      return {
        preview: true as const,
        noChange: input.noChange,
        unchanged: parsed.unchanged,
        hires: parsed.hires.map((h) => ({ row: h.row, ...h.value })),
        endings: parsed.endings.map((e) => ({ row: e.row, ...e.value, participantRef: refOf(e.value.placementId) })),
        afterEnd: parsed.afterEnd.answers.map((a) => ({ row: a.row, ...a.value, participantRef: refOf(a.value.placementId), keptAnswerOfBuyer: byOfficer.has(`${a.value.placementId} ${a.value.monthsAfterEnd}`) })),
      };
    }
    const report = await saveReport(tx, who, scope, context, input, options.note?.trim() ?? '', now);
    await saveAfterEnd(tx, who, context, afterEnd, now);
    await recordAudit(tx, who, { action: 'supplier_report.uploaded', entityType: 'contract', entityId: contractId, after: { reportId: report.id, periodSequence: sequence, fileName: file.filename.slice(0, 200), sizeBytes: file.buffer.length, afterEndAnswers: afterEnd.length } });
    return { preview: false as const, report };
  });
}

async function myReport(db: Database, scope: SupplierScope, contractId: string, sequence: number) {
  await supplierContractFacts(db, scope.supplierId, contractId);
  const reports = await repo.listReportsOfContract(db, contractId, { supplierOrganisationId: scope.supplierOrganisationId });
  const report = reports.find((r) => r.periodSequence === sequence);
  if (!report) throw notFound('The report');
  return report;
}

/** The supplier answers in the report's thread; a report with a question waits for the buyer again. */
export async function commentAsSupplier(db: Database, who: Who & { displayName: string }, contractId: string, sequence: number, body: string, now: Date) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  return db.transaction(async (tx) => {
    const report = await myReport(tx, scope, contractId, sequence);
    await repo.insertComment(tx, { organisationId: report.organisationId, reportId: report.id, side: 'supplier', authorUserId: who.actor.userId, authorName: who.displayName, body: body.trim(), createdAt: now });
    if (report.status === 'question') await repo.setReportStatus(tx, report.id, report.version, 'pending', null);
    await recordAudit(tx, who, { action: 'supplier_report.commented', entityType: 'contract', entityId: contractId, after: { reportId: report.id } });
    const [row] = (await repo.listReportsOfContract(tx, contractId, { supplierOrganisationId: scope.supplierOrganisationId })).filter((r) => r.id === report.id);
    return (await presentReports(tx, [row!]))[0]!;
  });
}

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
  /** The upload went past the limit and was cut off. */
  truncated: boolean;
}

/**
 * Stores an evidence file for the period's report: at most 10 MB and a PDF, JPEG or PNG by its
 * content (decision 0603). A refused file stores nothing.
 */
export async function uploadEvidence(db: Database, who: Who, contractId: string, sequence: number, file: UploadedFile, now: Date) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  if (file.truncated || file.buffer.length > MAX_EVIDENCE_BYTES) throw new AppError('evidence_too_large', 'The file is larger than 10 MB. Send a smaller scan or a photo.', { maxBytes: MAX_EVIDENCE_BYTES });
  const contentType = detectEvidenceType(file.buffer);
  if (contentType === null) throw new AppError('unsupported_file_type', 'The file is not a PDF, JPEG or PNG (judged by its content, not its name).', { accepted: ['application/pdf', 'image/jpeg', 'image/png'] });
  return db.transaction(async (tx) => {
    const report = await myReport(tx, scope, contractId, sequence);
    if (report.status === 'approved') throw new AppError('conflict', 'The report is approved; evidence can no longer be added.');
    const fileName = [...(file.filename || 'evidence')].map((ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' || ch === '/' || ch === '\\' ? '_' : ch)).join('').slice(0, 200);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const id = await repo.insertEvidence(tx, { organisationId: report.organisationId, reportId: report.id, supplierOrganisationId: scope.supplierOrganisationId, fileName, contentType, sizeBytes: file.buffer.length, sha256, content: file.buffer, uploadedBy: who.actor.userId, createdAt: now });
    await recordAudit(tx, who, { action: 'evidence.uploaded', entityType: 'contract', entityId: contractId, after: { reportId: report.id, evidenceId: id, fileName, contentType, sizeBytes: file.buffer.length, sha256 } });
    return { id, fileName, contentType, sizeBytes: file.buffer.length, sha256, createdAt: now.toISOString() };
  });
}

/** Refuses (404) before an uploaded report is read when the contract is not the signed-in supplier's. */
export async function assertReportTarget(db: Database, who: Who, contractId: string, sequence: number): Promise<void> {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  await periodContext(db, scope, contractId, sequence, '0000-01-01');
}

/** Refuses (404) before an upload is read when the period's report is not the signed-in supplier's. */
export async function assertEvidenceTarget(db: Database, who: Who, contractId: string, sequence: number): Promise<void> {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:report', true);
  await myReport(db, scope, contractId, sequence);
}

/** An evidence file for its uploading supplier; the view is audited. */
export async function evidenceForSupplier(db: Database, who: Who, contractId: string, sequence: number, evidenceId: string) {
  const scope = await scopeOf(db, who.actor, 'supplier_portal:read', true);
  return db.transaction(async (tx) => {
    const report = await myReport(tx, scope, contractId, sequence);
    const evidence = await repo.findEvidence(tx, report.id, evidenceId);
    if (!evidence) throw notFound('The evidence');
    await recordAudit(tx, who, { action: 'evidence.viewed', entityType: 'contract', entityId: contractId, after: { reportId: report.id, evidenceId } });
    return evidence;
  });
}

/** A letter the buyer sent (correction notice, penalty decision), for the supplier. */
export async function letterForSupplier(db: Database, actor: Actor, contractId: string, stepId: string, lang: Language): Promise<SanctionLetterInput> {
  const scope = await scopeOf(db, actor, 'supplier_portal:read', true);
  return supplierLetterInput(db, scope.supplierId, contractId, stepId, lang);
}

/* ---------------- the buyer's side ---------------- */

async function reviewableContract(db: Database, actor: Actor, contractId: string) {
  const contract = await readableContract(db, actor, contractId);
  assertCan(actor, 'supplier_report:review', { organisationId: contract.organisationId, unitId: contract.unit.id });
  return contract;
}

/** The supplier's reports of a contract, for the buyer's coordinators. */
export async function reportsForBuyer(db: Database, actor: Actor, contractId: string) {
  const contract = await reviewableContract(db, actor, contractId);
  const [organisation, reports] = await readTogether(db, [() => repo.findSupplierOrganisation(db, contract.supplier.id), () => repo.listReportsOfContract(db, contractId, { organisationId: actor.organisationId })]);
  return { supplierOrganisation: organisation ? { slug: organisation.slug, name: organisation.name } : null, reports: await presentReports(db, reports) };
}

async function buyerReport(db: Database, actor: Actor, contractId: string, reportId: string) {
  await reviewableContract(db, actor, contractId);
  const report = await repo.findReport(db, contractId, reportId, { organisationId: actor.organisationId });
  if (!report) throw notFound('The report');
  return report;
}

/**
 * The coordinator approves a supplier's report: its hires become placements (with the target group
 * the coordinator verified), its endings end placements and the period's report is recorded — all
 * through the contracts feature's own rules, in one transaction, so fulfilment updates at once.
 */
export async function approveReport(db: Database, who: Who, contractId: string, reportId: string, body: { version: number; targetGroups: string[] }, now: Date) {
  return db.transaction(async (tx) => {
    const report = await buyerReport(tx, who.actor, contractId, reportId);
    if (report.status === 'approved') throw new AppError('conflict', 'The report is already approved.');
    if (body.version !== report.version) throw new AppError('stale_version', 'The report changed meanwhile. Reload and try again.', { currentVersion: report.version });
    if (body.targetGroups.length !== report.hires.length) {
      throw validationFailed([{ path: '/body/targetGroups', code: 'count_mismatch', message: `Give the verified target group of each of the ${report.hires.length} hires.` }]);
    }
    if (!(await repo.setReportStatus(tx, report.id, report.version, 'approved', { by: who.actor.userId, at: now }))) throw new AppError('stale_version', 'The report changed meanwhile. Reload and try again.');
    for (const [i, h] of report.hires.entries()) {
      await addPlacement(tx, who, contractId, { commitmentId: h.commitmentId, participantRef: h.participantRef, targetGroup: body.targetGroups[i]!, startedOn: h.startedOn, extentPercent: h.extentPercent, employmentForm: h.employmentForm, ssykCode: h.ssykCode }, now);
    }
    for (const e of report.endings) await changePlacement(tx, who, contractId, e.placementId, { endedOn: e.endedOn, endReason: e.endReason }, now);
    const contract = (await findContract(tx, who.actor.organisationId, contractId))!;
    try {
      await recordReport(tx, who, contractId, report.periodSequence, { reportedOn: swedishDate(report.submittedAt), note: report.note ? `${report.note} — ${report.attestedBy}` : `Intygad av ${report.attestedBy}` }, now);
    } catch (e) {
      // The coordinator may have entered the period's report already; the placements still count.
      if (!(e instanceof AppError && e.code === 'duplicate')) throw e;
    }
    await recordAudit(tx, who, { action: 'supplier_report.approved', entityType: 'contract', entityId: contractId, after: { reportId, periodSequence: report.periodSequence, hires: report.hires.length, endings: report.endings.length, supplier: contract.supplier.name } });
    return (await presentReports(tx, [(await repo.findReport(tx, contractId, reportId, { organisationId: who.actor.organisationId }))!]))[0]!;
  });
}

/** The coordinator writes in a report's thread; with `question` the report waits for the supplier's answer. */
export async function commentAsBuyer(db: Database, who: Who & { displayName: string }, contractId: string, reportId: string, body: { body: string; question?: boolean | undefined }, now: Date) {
  return db.transaction(async (tx) => {
    const report = await buyerReport(tx, who.actor, contractId, reportId);
    await repo.insertComment(tx, { organisationId: who.actor.organisationId, reportId, side: 'buyer', authorUserId: who.actor.userId, authorName: who.displayName, body: body.body.trim(), createdAt: now });
    if (body.question === true) {
      if (report.status === 'approved') throw new AppError('conflict', 'The report is already approved.');
      await repo.setReportStatus(tx, reportId, report.version, 'question', { by: who.actor.userId, at: now });
    }
    await recordAudit(tx, who, { action: body.question ? 'supplier_report.question_asked' : 'supplier_report.commented', entityType: 'contract', entityId: contractId, after: { reportId } });
    return (await presentReports(tx, [(await repo.findReport(tx, contractId, reportId, { organisationId: who.actor.organisationId }))!]))[0]!;
  });
}

/** An evidence file for the buyer's coordinators; the view is audited. */
export async function evidenceForBuyer(db: Database, who: Who, contractId: string, reportId: string, evidenceId: string) {
  return db.transaction(async (tx) => {
    const report = await buyerReport(tx, who.actor, contractId, reportId);
    const evidence = await repo.findEvidence(tx, report.id, evidenceId);
    if (!evidence) throw notFound('The evidence');
    await recordAudit(tx, who, { action: 'evidence.viewed', entityType: 'contract', entityId: contractId, after: { reportId, evidenceId } });
    return evidence;
  });
}

/**
 * The buyer invites the supplier's contact from the contract page (procurers for their own units'
 * contracts, coordinators for all). The supplier's organisation is created on the first invitation;
 * its first contact becomes its admin, later ones reporters. The invitation is the identity
 * feature's: single use, expiring, its link mailed through the outbox.
 */
export async function inviteSupplierContact(deps: MemberServiceDeps & { isDemo: (organisationId: string) => Promise<boolean> }, who: Who, contractId: string, email: string) {
  const contract = await readableContract(deps.db, who.actor, contractId);
  assertCan(who.actor, 'supplier_contact:invite', { organisationId: contract.organisationId, unitId: contract.unit.id });
  const isDemo = await deps.isDemo(who.actor.organisationId);
  const organisation = await deps.db.transaction((tx) => repo.ensureSupplierOrganisation(tx, contract.supplier, isDemo));
  const role = (await repo.countMembers(deps.db, organisation.id)) === 0 ? ('admin' as const) : ('supplier' as const);
  const { invitation } = await createInvitation(deps, who, organisation.id, { email, role });
  await recordAudit(deps.db, who, { action: 'supplier_contact.invited', entityType: 'contract', entityId: contractId, after: { supplierOrganisationId: organisation.id, invitationId: invitation.id, email: invitation.email, role } });
  return { supplierOrganisation: { id: organisation.id, slug: organisation.slug, name: organisation.name }, invitation: { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt } };
}

/**
 * Where a contract's reminders reach its supplier: the supplier organisation and its active
 * members, or null when the supplier has none yet. For the follow-up reminder job.
 */
export async function supplierReminderRecipients(db: Database, buyerOrganisationId: string, contractId: string): Promise<{ organisationId: string; userIds: string[] } | null> {
  const contract = await findContract(db, buyerOrganisationId, contractId);
  if (!contract) return null;
  const organisation = await repo.findSupplierOrganisation(db, contract.supplier.id);
  if (!organisation) return null;
  return { organisationId: organisation.id, userIds: await repo.activeMemberIds(db, organisation.id) };
}

/* ---------------- recruitment needs (the matching feature holds them) ---------------- */

async function needScope(db: Database, actor: Actor, contractId: string, action: 'supplier_portal:read' | 'supplier_portal:report'): Promise<SupplierContractScope> {
  const scope = await scopeOf(db, actor, action, true);
  const facts = await supplierContractFacts(db, scope.supplierId, contractId);
  const placementCommitments = facts.commitments
    .map((c) => ({ id: c.id, terms: termsOf(c, facts.contract) }))
    .filter((c) => takesPlacements(c.terms))
    .map((c) => ({ id: c.id, targetGroups: c.terms.targetGroups }));
  return { buyerOrganisationId: facts.contract.organisationId, contractId, supplierId: scope.supplierId, commitmentIds: facts.commitments.map((c) => c.id), placementCommitments };
}

/** GET /api/supplier/contracts/{id}/recruitment-needs: the needs posted under the contract with their proposals (contacts where the participant consented to an interview). */
export async function listNeeds(db: Database, keyring: ParticipantKeyring | null, who: Who, contractId: string, now: Date) {
  return listSupplierNeeds(db, keyring, who, await needScope(db, who.actor, contractId, 'supplier_portal:read'), now);
}

/** POST /api/supplier/contracts/{id}/recruitment-needs. */
export async function postNeed(db: Database, who: Who, contractId: string, body: SupplierNeedCreate, now: Date) {
  return createSupplierNeed(db, who, await needScope(db, who.actor, contractId, 'supplier_portal:report'), body, now);
}

/** POST …/recruitment-needs/{needId}/proposals/{proposalId}/answer. */
export async function answerNeedProposal(db: Database, keyring: ParticipantKeyring | null, who: Who, contractId: string, needId: string, proposalId: string, body: SupplierProposalAnswer, now: Date) {
  return answerProposalAsSupplier(db, keyring, who, await needScope(db, who.actor, contractId, 'supplier_portal:report'), needId, proposalId, body, now);
}

/*
 * Bulk writes without a request, for the demo seed: no rights check and no audit event; the
 * caller owns the transaction and records what it did.
 */

/** The supplier's own organisation (kind `supplier`), created the first time it is needed. */
export function ensureSupplierOrganisation(db: Database, supplier: Parameters<typeof repo.ensureSupplierOrganisation>[1], isDemo: boolean) {
  return repo.ensureSupplierOrganisation(db, supplier, isDemo);
}

/** Stores a submitted report that waits for the buyer; answers its id, or null if that period already has one. */
export function insertSubmittedReport(db: Database, report: Parameters<typeof repo.insertReport>[1]) {
  return repo.insertReport(db, report);
}
