import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SANCTION_STEP_KINDS } from '../../../../../src/domain/follow-up/sanction-ladder.js';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { DialogForm, FormDialog } from '../../../components/ui/dialog-form';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { DateField } from '../../../components/ui/date-field';
import { useAnnounce } from '../../../lib/announcer';
import { formatDate, formatSek } from '../../../lib/format';
import type { FieldErrors } from '../../../lib/problems';
import {
  sanctionLetterUrl,
  useAddSanctionStep,
  useAmendContract,
  useRecordCorrection,
  useRecordReport,
  useResolveDeviation,
  type Commitment,
  type Contract,
  type Deviation,
  type Period,
  type Sanctions,
  type SanctionStep,
  type SanctionStepKind,
} from '../api/contracts-api';
import { describeContractError, useContractForm } from './contract-problems';
import { isIsoDate } from './placement-form-state';
import { todayIso } from './today';

interface DateNoteDialogProps {
  title: string;
  dateLabel: string;
  /** A note field when given; required with this many characters when `noteMin` > 0. */
  noteLabel?: string;
  noteMin?: number;
  submitLabel: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (date: string, note: string) => Promise<unknown>;
  success: string;
}

/** A small dialog for "when, and what" records: a report, a resolution, a correction. */
function DateNoteDialog({ title, isOpen, onOpenChange, ...form }: DateNoteDialogProps) {
  return (
    <FormDialog title={title} isOpen={isOpen} onOpenChange={onOpenChange}>
      {(close) => <DateNoteForm {...form} close={close} />}
    </FormDialog>
  );
}

function DateNoteForm({ dateLabel, noteLabel, noteMin = 0, submitLabel, onSubmit, success, close }: Omit<DateNoteDialogProps, 'title' | 'isOpen' | 'onOpenChange'> & { close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [date, setDate] = useState(todayIso());
  const [note, setNote] = useState('');
  // The server names its own fields (reportedOn, resolution …); show them here.
  const form = useContractForm({ rename: (key) => (/On$/.test(key) ? 'date' : 'note') });
  const names: Record<string, string> = { date: dateLabel, note: noteLabel ?? '' };
  const submit = async () => {
    const found: FieldErrors = {};
    if (!isIsoDate(date)) found.date = t('contracts.placementForm.errors.date');
    if (noteLabel && noteMin > 0 && note.trim().length < noteMin) found.note = t('contracts.followUpForms.noteMin', { count: noteMin });
    if (!form.check(found)) return;
    if (!(await form.send(() => onSubmit(date, note.trim())))) return;
    announce(success);
    close();
  };
  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={(name) => names[name] ?? name} submitLabel={submitLabel} isPending={form.isSending} onCancel={close}>
      <DateField label={dateLabel} name="date" value={date} onChange={setDate} isRequired errorMessage={form.errors.date} />
      {noteLabel ? <TextField label={noteLabel} name="note" value={note} onChange={setNote} multiline isRequired={noteMin > 0} errorMessage={form.errors.note} maxLength={4000} /> : null}
    </DialogForm>
  );
}

const PERIOD_TONES = { upcoming: 'neutral', open: 'info', due: 'attention', overdue: 'negative', reported: 'positive' } as const;

/** Reporting periods with their due dates and whether the report has come in. */
export function PeriodsSection({ contractId, periods, isError, error, canFollowUp }: { contractId: string; periods: readonly Period[] | undefined; isError: boolean; error: unknown; canFollowUp: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const record = useRecordReport(contractId);
  const [reporting, setReporting] = useState<number | null>(null);
  const reportable = (p: Period) => canFollowUp && p.report === null && p.status !== 'upcoming';
  return (
    <section aria-labelledby="periods-heading" className="section">
      <h2 id="periods-heading">{t('contracts.periods.title')}</h2>
      {isError ? <Message tone="error">{describeContractError(error, t)}</Message> : null}
      {periods && periods.length === 0 ? <p>{t('contracts.periods.none')}</p> : null}
      {periods && periods.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="periods-caption">
          <table className="table">
            <caption id="periods-caption" className="visually-hidden">{t('contracts.periods.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.periods.period')}</th>
                <th scope="col">{t('contracts.periods.dueOn')}</th>
                <th scope="col">{t('contracts.periods.status')}</th>
                <th scope="col">{t('contracts.periods.reportedOn')}</th>
                {canFollowUp ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.sequence}>
                  <th scope="row">{t('contracts.periods.range', { number: p.sequence, from: formatDate(p.startsOn, lang), to: formatDate(p.endsOn, lang) })}</th>
                  <td>{formatDate(p.dueOn, lang)}</td>
                  <td>
                    <Badge tone={PERIOD_TONES[p.status] ?? 'neutral'}>{t(`contracts.periods.statuses.${p.status}`, { defaultValue: p.status })}</Badge>
                  </td>
                  <td>
                    {p.report ? formatDate(p.report.reportedOn, lang) : '–'}
                    {p.report?.note ? <span className="table__sub prewrap">{p.report.note}</span> : null}
                  </td>
                  {canFollowUp ? (
                    <td>
                      {reportable(p) ? (
                        <Button variant="quiet" onPress={() => setReporting(p.sequence)}>
                          {t('contracts.periods.record', { number: p.sequence })}
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {reporting !== null ? (
        <DateNoteDialog
          isOpen
          onOpenChange={(open) => !open && setReporting(null)}
          title={t('contracts.periods.record', { number: reporting })}
          dateLabel={t('contracts.periods.reportedOnField')}
          noteLabel={t('contracts.periods.note')}
          submitLabel={t('contracts.periods.submit')}
          success={t('contracts.periods.recorded', { number: reporting })}
          onSubmit={(reportedOn, note) => record.mutateAsync({ sequence: reporting, reportedOn, note })}
        />
      ) : null}
    </section>
  );
}

/** Deviations the daily check found, open first. */
export function DeviationsSection({ contractId, deviations, commitmentLabel, canFollowUp }: { contractId: string; deviations: readonly Deviation[] | undefined; commitmentLabel: (id: string | null) => string; canFollowUp: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const resolve = useResolveDeviation(contractId);
  const [resolving, setResolving] = useState<Deviation | null>(null);
  const sorted = [...(deviations ?? [])].sort((a, b) => (a.status === b.status ? (a.detectedOn < b.detectedOn ? 1 : -1) : a.status === 'open' ? -1 : 1));
  return (
    <section aria-labelledby="deviations-heading" className="section">
      <h2 id="deviations-heading">{t('contracts.deviations.title')}</h2>
      {deviations && deviations.length === 0 ? <p>{t('contracts.deviations.none')}</p> : null}
      {sorted.length > 0 ? (
        <ul className="plain-list deviation-list">
          {sorted.map((d) => (
            <li key={d.id}>
              <Badge tone={d.status === 'open' ? 'negative' : 'neutral'}>{t(`contracts.deviations.statuses.${d.status}`)}</Badge> {t(`contracts.deviations.kinds.${d.kind}`, { defaultValue: d.kind })}
              {d.commitmentId ? ` (${commitmentLabel(d.commitmentId)})` : d.periodSequence ? ` (${t('contracts.deviations.period', { number: d.periodSequence })})` : ''}{' '}
              <span className="muted">{t('contracts.deviations.detected', { date: formatDate(d.detectedOn, lang) })}</span>
              {d.resolution ? <span className="table__sub">{t('contracts.deviations.resolution', { date: formatDate(d.resolvedOn, lang), text: d.resolution })}</span> : null}
              {canFollowUp && d.status === 'open' ? (
                <Button variant="quiet" onPress={() => setResolving(d)} aria-label={t('contracts.deviations.resolveNamed', { what: t(`contracts.deviations.kinds.${d.kind}`), date: formatDate(d.detectedOn, lang) })}>
                  {t('contracts.deviations.resolve')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {resolving ? (
        <DateNoteDialog
          isOpen
          onOpenChange={(open) => !open && setResolving(null)}
          title={t('contracts.deviations.resolveTitle')}
          dateLabel={t('contracts.deviations.resolvedOn')}
          noteLabel={t('contracts.deviations.resolutionField')}
          noteMin={3}
          submitLabel={t('contracts.deviations.resolve')}
          success={t('contracts.deviations.resolved')}
          onSubmit={(resolvedOn, resolution) => resolve.mutateAsync({ deviationId: resolving.id, resolvedOn, resolution })}
        />
      ) : null}
    </section>
  );
}

function SanctionStepForm({ contractId, commitments, next, commitmentLabel, close }: { contractId: string; commitments: readonly Commitment[]; next: Sanctions['next']; commitmentLabel: (id: string | null) => string; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddSanctionStep(contractId);
  const firstWithSteps = next.find((n) => n.kinds.length > 0);
  const [commitmentId, setCommitmentId] = useState<string | null>(firstWithSteps?.commitmentId ?? commitments[0]?.id ?? null);
  const kinds = next.find((n) => n.commitmentId === commitmentId)?.kinds ?? [];
  const [kind, setKind] = useState<string | null>(kinds[0] ?? null);
  const [takenOn, setTakenOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const form = useContractForm();
  const errors = form.errors;
  const label = (key: string) => t(`contracts.sanctions.fields.${key}`);

  const submit = async () => {
    const found: FieldErrors = {};
    if (!commitmentId) found.commitmentId = t('contracts.placementForm.errors.choose');
    if (!kind || !kinds.includes(kind as SanctionStepKind)) found.kind = t('contracts.sanctions.errors.kind');
    if (!isIsoDate(takenOn)) found.takenOn = t('contracts.placementForm.errors.date');
    if (reason.trim().length < 3) found.reason = t('contracts.sanctions.errors.reason');
    if (!form.check(found)) return;
    const sent = await form.send(() => add.mutateAsync({ commitmentId: commitmentId as string, kind: kind as SanctionStepKind, takenOn, reason: reason.trim(), evidence: evidence.trim() }));
    if (!sent) return;
    announce(t('contracts.sanctions.added', { step: t(`contracts.sanctions.kinds.${kind}`) }));
    close();
  };
  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} submitLabel={t('contracts.sanctions.submit')} isPending={add.isPending} onCancel={close}>
      <p className="muted">{t('contracts.sanctions.ladderHint')}</p>
      <SelectField
        label={label('commitmentId')}
        name="commitmentId"
        value={commitmentId}
        onChange={(v) => {
          setCommitmentId(v);
          setKind(next.find((n) => n.commitmentId === v)?.kinds[0] ?? null);
        }}
        options={commitments.map((c) => ({ id: c.id, label: commitmentLabel(c.id) }))}
        isRequired
        errorMessage={errors.commitmentId}
      />
      <SelectField
        label={label('kind')}
        name="kind"
        value={kind}
        onChange={setKind}
        options={SANCTION_STEP_KINDS.filter((k) => kinds.includes(k)).map((k) => ({ id: k, label: t(`contracts.sanctions.kinds.${k}`) }))}
        placeholder={t('form.choose')}
        description={t('contracts.sanctions.kindHint')}
        isRequired
        errorMessage={errors.kind}
      />
      <DateField label={label('takenOn')} name="takenOn" value={takenOn} onChange={setTakenOn} isRequired errorMessage={errors.takenOn} />
      <TextField label={label('reason')} name="reason" value={reason} onChange={setReason} multiline isRequired errorMessage={errors.reason} maxLength={4000} />
      <TextField label={label('evidence')} name="evidence" value={evidence} onChange={setEvidence} multiline description={t('contracts.sanctions.evidenceHint')} errorMessage={errors.evidence} maxLength={4000} />
    </DialogForm>
  );
}

/** The sanction ladder's history, the letters, and (for the support function) the next step. */
export function SanctionsSection({ contract, sanctions, canFollowUp, commitmentLabel }: { contract: Contract; sanctions: Sanctions | undefined; canFollowUp: boolean; commitmentLabel: (id: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [isOpen, setOpen] = useState(false);
  const correction = useRecordCorrection(contract.id);
  const [correcting, setCorrecting] = useState<SanctionStep | null>(null);
  const steps = sanctions?.steps ?? [];
  const hasNext = (sanctions?.next ?? []).some((n) => n.kinds.length > 0);
  return (
    <section aria-labelledby="sanctions-heading" className="section">
      <div className="results-header">
        <h2 id="sanctions-heading">{t('contracts.sanctions.title')}</h2>
        {canFollowUp && sanctions && hasNext ? <Button onPress={() => setOpen(true)}>{t('contracts.sanctions.add')}</Button> : null}
      </div>
      {sanctions && steps.length === 0 ? <p>{t('contracts.sanctions.none')}</p> : null}
      {steps.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="sanctions-caption">
          <table className="table">
            <caption id="sanctions-caption" className="visually-hidden">{t('contracts.sanctions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.sanctions.fields.takenOn')}</th>
                <th scope="col">{t('contracts.sanctions.fields.kind')}</th>
                <th scope="col">{t('contracts.sanctions.fields.commitmentId')}</th>
                <th scope="col">{t('contracts.sanctions.fields.reason')}</th>
                <th scope="col">{t('contracts.sanctions.details')}</th>
                <th scope="col">{t('contracts.sanctions.letters')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => {
                const kindLabel = t(`contracts.sanctions.kinds.${s.kind}`);
                return (
                  <tr key={s.id}>
                    <td>{formatDate(s.takenOn, lang)}</td>
                    <th scope="row">{kindLabel}</th>
                    <td>{commitmentLabel(s.commitmentId)}</td>
                    <td className="prewrap">
                      {s.reason}
                      {s.evidence ? <span className="table__sub">{t('contracts.sanctions.evidenceShown', { text: s.evidence })}</span> : null}
                    </td>
                    <td>
                      {s.deadline ? <span className="table__sub">{t('contracts.sanctions.deadline', { date: formatDate(s.deadline, lang) })}</span> : null}
                      {s.correctedOn ? <span className="table__sub">{t('contracts.sanctions.corrected', { date: formatDate(s.correctedOn, lang) })}</span> : null}
                      {s.amountOre !== null ? <span className="table__sub">{t('contracts.sanctions.amount', { amount: formatSek(s.amountOre) })}</span> : null}
                      {s.takenBy ? <span className="table__sub">{t('contracts.sanctions.takenBy', { name: s.takenBy })}</span> : null}
                      {s.approvedBy ? <span className="table__sub">{t('contracts.sanctions.approvedBy', { name: s.approvedBy })}</span> : null}
                      {canFollowUp && s.kind === 'correction_notice' && s.correctedOn === null ? (
                        <Button variant="quiet" onPress={() => setCorrecting(s)} aria-label={t('contracts.sanctions.recordCorrectionNamed', { date: formatDate(s.takenOn, lang) })}>
                          {t('contracts.sanctions.recordCorrection')}
                        </Button>
                      ) : null}
                    </td>
                    <td>
                      {s.kind === 'resolved' ? (
                        '–'
                      ) : (
                        <ul className="plain-list">
                          <li>
                            <a className="link" href={sanctionLetterUrl(contract.id, s.id, 'sv')} download aria-label={t('contracts.sanctions.letterSvNamed', { step: kindLabel, date: formatDate(s.takenOn, lang) })}>
                              {t('contracts.sanctions.letterSv')}
                            </a>
                          </li>
                          <li>
                            <a className="link" href={sanctionLetterUrl(contract.id, s.id, 'en')} download aria-label={t('contracts.sanctions.letterEnNamed', { step: kindLabel, date: formatDate(s.takenOn, lang) })}>
                              {t('contracts.sanctions.letterEn')}
                            </a>
                          </li>
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {correcting ? (
        <DateNoteDialog
          isOpen
          onOpenChange={(open) => !open && setCorrecting(null)}
          title={t('contracts.sanctions.recordCorrection')}
          dateLabel={t('contracts.sanctions.correctedOn')}
          submitLabel={t('contracts.sanctions.recordCorrection')}
          success={t('contracts.sanctions.correctionRecorded')}
          onSubmit={(correctedOn) => correction.mutateAsync({ stepId: correcting.id, correctedOn })}
        />
      ) : null}
      {canFollowUp && sanctions && isOpen ? (
        <FormDialog title={t('contracts.sanctions.add')} onOpenChange={setOpen} size="large">
          {(close) => <SanctionStepForm contractId={contract.id} commitments={contract.commitments} next={sanctions.next} commitmentLabel={commitmentLabel} close={close} />}
        </FormDialog>
      ) : null}
    </section>
  );
}

function AmendmentForm({ contract, close }: { contract: Contract; close: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const amend = useAmendContract(contract.id);
  const [reason, setReason] = useState('');
  const [signedOn, setSignedOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState(contract.endsOn);
  const form = useContractForm();
  const errors = form.errors;
  const label = (key: string) => t(`contracts.amendments.fields.${key}`);
  const submit = async () => {
    const found: FieldErrors = {};
    if (reason.trim().length < 5) found.reason = t('contracts.amendments.errors.reason');
    if (!isIsoDate(signedOn)) found.signedOn = t('contracts.placementForm.errors.date');
    if (!isIsoDate(endsOn)) found.endsOn = t('contracts.placementForm.errors.date');
    else if (endsOn < contract.startsOn) found.endsOn = t('contracts.recordForm.errors.endBeforeStart');
    if (!form.check(found)) return;
    const sent = await form.send(() => amend.mutateAsync({ version: contract.version, reason: reason.trim(), signedOn, ...(endsOn !== contract.endsOn ? { endsOn } : {}) }));
    if (!sent) return;
    announce(t('contracts.amendments.saved'));
    close();
  };
  return (
    <DialogForm form={form} onSubmit={submit} fieldLabel={label} submitLabel={t('contracts.amendments.submit')} isPending={amend.isPending} onCancel={close}>
      <p className="muted">{t('contracts.amendments.hint')}</p>
      <TextField label={label('reason')} name="reason" value={reason} onChange={setReason} multiline isRequired errorMessage={errors.reason} description={t('contracts.amendments.reasonHint')} maxLength={4000} />
      <DateField label={label('signedOn')} name="signedOn" value={signedOn} onChange={setSignedOn} isRequired errorMessage={errors.signedOn} />
      <DateField label={label('endsOn')} name="endsOn" value={endsOn} onChange={setEndsOn} isRequired errorMessage={errors.endsOn} />
    </DialogForm>
  );
}

/** Amendments (ändringsavtal): each a new version of the contract, with its reason. */
export function AmendmentsSection({ contract, canAmend }: { contract: Contract; canAmend: boolean }) {
  const { t, i18n } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <section aria-labelledby="amendments-heading" className="section">
      <div className="results-header">
        <h2 id="amendments-heading">{t('contracts.amendments.title')}</h2>
        {canAmend ? <Button onPress={() => setOpen(true)}>{t('contracts.amendments.add')}</Button> : null}
      </div>
      {contract.amendments.length === 0 ? (
        <p>{t('contracts.amendments.none')}</p>
      ) : (
        <ol className="plain-list">
          {contract.amendments.map((a) => (
            <li key={a.version}>
              <strong>{t('contracts.amendments.version', { version: a.version, date: formatDate(a.signedOn, i18n.language) })}</strong> <span className="prewrap">{a.reason}</span>
            </li>
          ))}
        </ol>
      )}
      {canAmend && isOpen ? (
        <FormDialog title={t('contracts.amendments.add')} onOpenChange={setOpen} size="large">
          {(close) => <AmendmentForm contract={contract} close={close} />}
        </FormDialog>
      ) : null}
    </section>
  );
}
