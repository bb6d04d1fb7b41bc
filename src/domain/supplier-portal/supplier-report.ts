import { isIsoDate } from '../follow-up/calendar.js';
import { END_REASONS, type CommitmentStatus, type EndReason } from '../follow-up/evaluate-commitment.js';

/*
 * A supplier's report for one reporting period (docs/supplier-portal.md): either "nothing has
 * changed", or the hires made and the placements that ended. Pure rules; the shell loads the
 * contract's commitments and placements and stores the report.
 */

export interface ReportedHire {
  commitmentId: string;
  participantRef: string;
  startedOn: string;
  extentPercent: number;
  employmentForm: string;
  ssykCode: string | null;
}

export interface ReportedEnding {
  placementId: string;
  endedOn: string;
  endReason: EndReason;
}

export interface SupplierReportInput {
  noChange: boolean;
  hires: readonly ReportedHire[];
  endings: readonly ReportedEnding[];
  attestedBy: string;
}

export interface SupplierReportContext {
  period: { startsOn: string; endsOn: string };
  /** Commitments followed up by placements (the others take no hires). */
  placementCommitmentIds: ReadonlySet<string>;
  placements: ReadonlyArray<{ id: string; startedOn: string; endedOn: string | null }>;
  employmentForms: ReadonlySet<string>;
  isSsykCode: (code: string) => boolean;
}

export interface ReportError {
  /** JSON pointer below the body, e.g. `/hires/0/startedOn`. */
  field: string;
  code: string;
  message: string;
}

const PERSONAL_IDENTITY_NUMBER = /^\d{6,8}[-+]?\d{4}$/;

/**
 * The problems of a report, empty when it may be submitted:
 *  - it is attested by a name (at least two letters);
 *  - "nothing has changed" lists nothing, and a report that lists nothing says so;
 *  - a hire starts within the period (or before it: a late report of an earlier hire), never
 *    after its end; under a commitment followed up by placements; extent 1–100 %; one of the
 *    template's employment forms; an SSYK 2012 unit group when given; a pseudonymous reference,
 *    never a personal identity number; the same reference is not hired twice in one report;
 *  - an ending names a placement of the contract that has not ended, no earlier than its start
 *    and no later than the period's end, with one of the end reasons; each placement ends once.
 */
export function validateSupplierReport(input: SupplierReportInput, ctx: SupplierReportContext): ReportError[] {
  const errors: ReportError[] = [];
  if (input.attestedBy.trim().replace(/[^\p{L}]/gu, '').length < 2) errors.push({ field: '/attestedBy', code: 'attestation_required', message: 'Write your name to attest that the report is correct.' });
  const listsSomething = input.hires.length > 0 || input.endings.length > 0;
  if (input.noChange && listsSomething) errors.push({ field: '/noChange', code: 'no_change_with_changes', message: '"Nothing has changed" cannot list hires or endings.' });
  if (!input.noChange && !listsSomething) errors.push({ field: '/noChange', code: 'empty_report', message: 'List a hire or an ending, or report that nothing has changed.' });
  const refs = new Set<string>();
  input.hires.forEach((h, i) => {
    const at = (f: string) => `/hires/${i}/${f}`;
    if (!ctx.placementCommitmentIds.has(h.commitmentId)) errors.push({ field: at('commitmentId'), code: 'unknown_commitment', message: 'This contract has no commitment followed up by hires with that id.' });
    if (!isIsoDate(h.startedOn)) errors.push({ field: at('startedOn'), code: 'format', message: 'A calendar date YYYY-MM-DD.' });
    else if (h.startedOn > ctx.period.endsOn) errors.push({ field: at('startedOn'), code: 'after_period', message: `A hire in this report starts on or before ${ctx.period.endsOn}; report later hires in the next period.` });
    if (!Number.isInteger(h.extentPercent) || h.extentPercent < 1 || h.extentPercent > 100) errors.push({ field: at('extentPercent'), code: 'out_of_range', message: 'Extent is 1–100 per cent of full time.' });
    if (!ctx.employmentForms.has(h.employmentForm)) errors.push({ field: at('employmentForm'), code: 'unknown_employment_form', message: `One of ${[...ctx.employmentForms].join(', ')}.` });
    if (h.ssykCode !== null && !ctx.isSsykCode(h.ssykCode)) errors.push({ field: at('ssykCode'), code: 'unknown_ssyk_code', message: 'Not an SSYK 2012 unit group (four digits).' });
    const ref = h.participantRef.trim();
    if (ref.length === 0) errors.push({ field: at('participantRef'), code: 'required', message: 'The reference the labour-market unit gave at referral.' });
    else if (PERSONAL_IDENTITY_NUMBER.test(ref.replace(/\s/g, ''))) errors.push({ field: at('participantRef'), code: 'looks_like_personal_identity_number', message: 'Use the reference you were given, never a personal identity number.' });
    else if (refs.has(ref)) errors.push({ field: at('participantRef'), code: 'duplicate', message: 'The same person is listed twice.' });
    refs.add(ref);
  });
  const ended = new Set<string>();
  input.endings.forEach((e, i) => {
    const at = (f: string) => `/endings/${i}/${f}`;
    const placement = ctx.placements.find((p) => p.id === e.placementId);
    if (!placement) errors.push({ field: at('placementId'), code: 'unknown_placement', message: 'This contract has no such placement.' });
    else if (placement.endedOn !== null) errors.push({ field: at('placementId'), code: 'already_ended', message: `This employment already ended on ${placement.endedOn}.` });
    else if (ended.has(placement.id)) errors.push({ field: at('placementId'), code: 'duplicate', message: 'The same employment is ended twice.' });
    ended.add(e.placementId);
    if (!isIsoDate(e.endedOn)) errors.push({ field: at('endedOn'), code: 'format', message: 'A calendar date YYYY-MM-DD.' });
    else if (placement && e.endedOn < placement.startedOn) errors.push({ field: at('endedOn'), code: 'end_before_start', message: `The employment started on ${placement.startedOn}.` });
    else if (e.endedOn > ctx.period.endsOn) errors.push({ field: at('endedOn'), code: 'after_period', message: `An ending in this report is on or before ${ctx.period.endsOn}.` });
    if (!(END_REASONS as readonly string[]).includes(e.endReason)) errors.push({ field: at('endReason'), code: 'unknown_end_reason', message: `One of ${END_REASONS.join(', ')}.` });
  });
  return errors;
}

const URGENCY: readonly CommitmentStatus[] = ['shortfall', 'at_risk', 'on_track', 'not_started', 'fulfilled'];

/** The contract's status for the supplier's list: its most urgent commitment's (fulfilled only when all are). */
export function overallStatus(statuses: readonly CommitmentStatus[]): CommitmentStatus | null {
  if (statuses.length === 0) return null;
  return URGENCY.find((s) => statuses.includes(s))!;
}

export interface PeriodForSupplier {
  sequence: number;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  /** Recorded by the buyer, or a supplier report approved. */
  reported: boolean;
  /** A supplier report is waiting for the buyer (pending or with a question). */
  submitted: boolean;
}

/**
 * The report the supplier should write next: the earliest period that has ended (or is running)
 * and is neither reported nor submitted; when everything so far is done, the next period to come.
 * Null when the contract has no reporting periods left.
 */
export function nextReport<P extends PeriodForSupplier>(periods: readonly P[], asOf: string): (P & { overdue: boolean }) | null {
  const open = periods.find((p) => !p.reported && !p.submitted && p.startsOn <= asOf);
  const next = open ?? periods.find((p) => p.startsOn > asOf) ?? null;
  return next ? { ...next, overdue: next.dueOn < asOf } : null;
}
