import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { useReportForm, useSubmitReport, useSupplierComment, useUploadEvidence, type SupplierReportForm, type SupplierReportSubmit } from '../api/supplier-api';
import { ReportUploadSection } from '../components/report-upload-section';
import '../supplier-portal.css';

type Hire = NonNullable<SupplierReportSubmit['hires']>[number];
type Ending = NonNullable<SupplierReportSubmit['endings']>[number];
const END_REASONS = ['completed', 'resigned', 'dismissed_with_cause', 'ended_by_supplier', 'other'] as const;

function problemText(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (isApiError(error)) {
    const fields = error.problem.errors?.map((e) => e.message).join(' ');
    return fields ? `${error.problem.detail ?? ''} ${fields}`.trim() : (error.problem.detail ?? t('supplierPortal.errors.save'));
  }
  return t('supplierPortal.errors.save');
}

function HireFieldset({ form, onAdd }: { form: SupplierReportForm; onAdd: (hire: Hire) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const commitments = form.commitments.filter((c) => c.takesPlacements);
  const [commitmentId, setCommitmentId] = useState(commitments[0]?.id ?? '');
  const [participantRef, setRef] = useState('');
  const [startedOn, setStarted] = useState('');
  const [extent, setExtent] = useState('100');
  const [employmentForm, setForm] = useState(form.employmentForms[0] ?? '');
  const [ssyk, setSsyk] = useState('');
  if (commitments.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('supplierPortal.report.addHire')}</legend>
      <p>
        <label htmlFor="hire-commitment">{t('supplierPortal.report.commitment')}</label>
        <br />
        <select id="hire-commitment" value={commitmentId} onChange={(e) => setCommitmentId(e.target.value)}>
          {commitments.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title[lang]}
            </option>
          ))}
        </select>
      </p>
      <TextField label={t('supplierPortal.report.participantRef')} description={t('supplierPortal.report.participantRefHint')} value={participantRef} onChange={setRef} size="medium" />
      <p>
        <label htmlFor="hire-start">{t('supplierPortal.report.startedOn')}</label>
        <br />
        <input id="hire-start" type="date" value={startedOn} onChange={(e) => setStarted(e.target.value)} />
      </p>
      <TextField label={t('supplierPortal.report.extent')} inputMode="numeric" value={extent} onChange={setExtent} size="short" />
      <p>
        <label htmlFor="hire-form">{t('supplierPortal.report.employmentForm')}</label>
        <br />
        <select id="hire-form" value={employmentForm} onChange={(e) => setForm(e.target.value)}>
          {form.employmentForms.map((f) => (
            <option key={f} value={f}>
              {t(`supplierPortal.employmentForm.${f}`, { defaultValue: f })}
            </option>
          ))}
        </select>
      </p>
      <TextField label={t('supplierPortal.report.ssyk')} description={t('supplierPortal.report.ssykHint')} inputMode="numeric" value={ssyk} onChange={setSsyk} size="short" />
      <Button
        onPress={() => {
          onAdd({ commitmentId, participantRef: participantRef.trim(), startedOn, extentPercent: Number(extent), employmentForm, ssykCode: ssyk.trim() === '' ? null : ssyk.trim() });
          setRef('');
          setStarted('');
          setSsyk('');
        }}
      >
        {t('supplierPortal.report.addHireButton')}
      </Button>
    </fieldset>
  );
}

function EndingFieldset({ form, onAdd }: { form: SupplierReportForm; onAdd: (ending: Ending) => void }) {
  const { t } = useTranslation();
  const running = form.placements.filter((p) => p.endedOn === null);
  const [placementId, setPlacement] = useState(running[0]?.id ?? '');
  const [endedOn, setEnded] = useState('');
  const [endReason, setReason] = useState<Ending['endReason']>('completed');
  if (running.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('supplierPortal.report.endHire')}</legend>
      <p>
        <label htmlFor="end-placement">{t('supplierPortal.report.whichHire')}</label>
        <br />
        <select id="end-placement" value={placementId} onChange={(e) => setPlacement(e.target.value)}>
          {running.map((p) => (
            <option key={p.id} value={p.id}>
              {p.participantRef}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label htmlFor="end-date">{t('supplierPortal.report.endedOn')}</label>
        <br />
        <input id="end-date" type="date" value={endedOn} onChange={(e) => setEnded(e.target.value)} />
      </p>
      <p>
        <label htmlFor="end-reason">{t('supplierPortal.report.endReason')}</label>
        <br />
        <select id="end-reason" value={endReason} onChange={(e) => setReason(e.target.value as Ending['endReason'])}>
          {END_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`supplierPortal.endReason.${r}`)}
            </option>
          ))}
        </select>
      </p>
      <Button onPress={() => onAdd({ placementId, endedOn, endReason })}>{t('supplierPortal.report.endHireButton')}</Button>
    </fieldset>
  );
}

type AfterEndStatus = NonNullable<SupplierReportSubmit['afterEnd']>[number]['status'];

/**
 * Optional (decision 0806): for the contract's placements that ended six or more months ago,
 * whether the person still works for the supplier. Pre-filled with the supplier's own earlier
 * answer; a placement the buyer's officer has answered is shown, not asked (the officer's answer
 * is kept).
 */
function AfterEndFieldset({ form, answers, onChange }: { form: SupplierReportForm; answers: Record<string, AfterEndStatus | ''>; onChange: (placementId: string, status: AfterEndStatus | '') => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  if (form.afterEnd.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('supplierPortal.report.afterEndLegend')}</legend>
      <p>{t('supplierPortal.report.afterEndHint')}</p>
      {form.afterEnd.map((q) => {
        const question = t('supplierPortal.report.afterEndQuestion', { ref: q.participantRef, date: formatDate(q.endedOn, lang), months: q.monthsAfterEnd });
        if (q.answer?.source === 'officer') {
          return (
            <p key={q.placementId}>
              {question} {t('supplierPortal.report.afterEndByOfficer')}
            </p>
          );
        }
        const id = `after-end-${q.placementId}`;
        return (
          <p key={q.placementId}>
            <label htmlFor={id}>{question}</label>
            <br />
            <select id={id} value={answers[q.placementId] ?? ''} onChange={(e) => onChange(q.placementId, e.target.value as AfterEndStatus | '')}>
              <option value="">{t('supplierPortal.report.afterEndNoAnswer')}</option>
              <option value="employed_by_supplier">{t('supplierPortal.report.afterEndYes')}</option>
              <option value="not_employed">{t('supplierPortal.report.afterEndNo')}</option>
            </select>
          </p>
        );
      })}
    </fieldset>
  );
}

/** A period's report: "nothing has changed" in one press, or hires and endings; evidence; comments. */
export function SupplierReportRoute() {
  const { id = '', sequence: sequenceParam = '1' } = useParams();
  const sequence = Number(sequenceParam);
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const form = useReportForm(id, sequence);
  const submit = useSubmitReport(id, sequence);
  const comment = useSupplierComment(id, sequence);
  const upload = useUploadEvidence(id, sequence);
  const [attestedBy, setAttestedBy] = useState<string | null>(null);
  const [hires, setHires] = useState<Hire[]>([]);
  const [endings, setEndings] = useState<Ending[]>([]);
  const [afterEnd, setAfterEnd] = useState<Record<string, AfterEndStatus | ''> | null>(null);
  const [answer, setAnswer] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sentFromFile, setSentFromFile] = useState(false);

  if (form.isPending || form.isError) {
    const title = t('supplierPortal.report.loading');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        {form.isPending ? <p role="status">{t('common.loading')}</p> : <Message tone="error">{t('supplierPortal.errors.load')}</Message>}
      </div>
    );
  }
  const f = form.data;
  const name = attestedBy ?? f.attestedByDefault;
  const title = t('supplierPortal.report.title', { sequence: f.period.sequence, title: f.contract.title });
  const report = submit.data ?? f.report;
  const mayReport = (!report || report.status === 'question') && !sentFromFile;
  const sent = submit.isSuccess || sentFromFile;
  // The supplier's own earlier answers pre-fill the questions until changed.
  const afterEndAnswers = afterEnd ?? Object.fromEntries(f.afterEnd.filter((q) => q.answer?.source === 'supplier' && (q.answer.status === 'employed_by_supplier' || q.answer.status === 'not_employed')).map((q) => [q.placementId, q.answer!.status as AfterEndStatus]));
  const afterEndBody = f.afterEnd.flatMap((q) => {
    const status = afterEndAnswers[q.placementId];
    return status && q.answer?.source !== 'officer' ? [{ placementId: q.placementId, monthsAfterEnd: q.monthsAfterEnd, status }] : [];
  });
  const send = (noChange: boolean) => submit.mutate({ noChange, hires: noChange ? [] : hires, endings: noChange ? [] : endings, attestedBy: name, afterEnd: afterEndBody });

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={`/supplier/contracts/${f.contract.id}`}>{t('supplierPortal.report.backToContract')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        {t('supplierPortal.home.buyer', { buyer: f.contract.buyer.name })} · {t('supplierPortal.contract.period', { sequence: f.period.sequence, from: formatDate(f.period.startsOn, lang), to: formatDate(f.period.endsOn, lang), due: formatDate(f.period.dueOn, lang) })}
      </p>
      {sent ? <Message tone="success">{t('supplierPortal.report.thanks', { buyer: f.contract.buyer.name })}</Message> : null}
      {submit.isError ? <Message tone="error">{problemText(submit.error, t)}</Message> : null}

      <section aria-labelledby="known-heading" className="section">
        <h2 id="known-heading">{t('supplierPortal.report.known')}</h2>
        {f.placements.length === 0 ? (
          <p>{t('supplierPortal.contract.noHires')}</p>
        ) : (
          <ul className="supplier-list">
            {f.placements.map((p) => (
              <li key={p.id}>
                {t('supplierPortal.contract.hire', { ref: p.participantRef, from: formatDate(p.startedOn, lang), extent: p.extentPercent })}
                {p.endedOn ? ` ${t('supplierPortal.contract.ended', { date: formatDate(p.endedOn, lang) })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      {mayReport && !submit.isSuccess ? (
        <section aria-labelledby="report-heading" className="section supplier-form">
          <h2 id="report-heading">{t('supplierPortal.report.yourReport')}</h2>
          <AfterEndFieldset form={f} answers={afterEndAnswers} onChange={(placementId, status) => setAfterEnd({ ...afterEndAnswers, [placementId]: status })} />
          <TextField label={t('supplierPortal.report.attestedBy')} description={t('supplierPortal.report.attestedByHint')} value={name} onChange={setAttestedBy} isRequired size="medium" />
          <div className="supplier-actions">
            <Button variant="primary" onPress={() => send(true)} isPending={submit.isPending}>
              {t('supplierPortal.report.noChange')}
            </Button>
          </div>
          <p>{t('supplierPortal.report.orChanges')}</p>
          <HireFieldset form={f} onAdd={(h) => setHires((list) => [...list, h])} />
          <EndingFieldset form={f} onAdd={(e) => setEndings((list) => [...list, e])} />
          {hires.length + endings.length > 0 ? (
            <>
              <h3>{t('supplierPortal.report.changes')}</h3>
              <ul className="supplier-list">
                {hires.map((h, i) => (
                  <li key={`h${i}`}>{t('supplierPortal.report.hireListed', { ref: h.participantRef, from: h.startedOn, extent: h.extentPercent })}</li>
                ))}
                {endings.map((e, i) => (
                  <li key={`e${i}`}>{t('supplierPortal.report.endingListed', { ref: f.placements.find((p) => p.id === e.placementId)?.participantRef ?? '', date: e.endedOn })}</li>
                ))}
              </ul>
              <Button variant="primary" onPress={() => send(false)} isPending={submit.isPending}>
                {t('supplierPortal.report.send')}
              </Button>
            </>
          ) : null}
        </section>
      ) : null}
      {mayReport && !submit.isSuccess ? <ReportUploadSection form={f} attestedBy={name} onSent={() => setSentFromFile(true)} /> : null}

      {report ? (
        <section aria-labelledby="sent-heading" className="section">
          <h2 id="sent-heading">{t('supplierPortal.report.sent')}</h2>
          <p>
            {t(`supplierPortal.reportStatus.${report.status}`)} · {t('supplierPortal.report.attestedLine', { name: report.attestedBy })}
          </p>
          <h3>{t('supplierPortal.report.evidence')}</h3>
          {report.evidence.length === 0 ? <p>{t('supplierPortal.report.noEvidence')}</p> : null}
          <ul className="supplier-list">
            {report.evidence.map((e) => (
              <li key={e.id}>
                <a className="link" href={`/api/supplier/contracts/${id}/periods/${sequence}/evidence/${e.id}`} download>
                  {e.fileName}
                </a>
              </li>
            ))}
          </ul>
          {report.status !== 'approved' ? (
            <form
              className="supplier-form"
              onSubmit={(event: FormEvent) => {
                event.preventDefault();
                if (file) upload.mutate(file);
              }}
            >
              <p>
                <label htmlFor="evidence-file">{t('supplierPortal.report.evidenceFile')}</label>
                <br />
                <span id="evidence-hint" className="field__description">
                  {t('supplierPortal.report.evidenceHint')}
                </span>
                <br />
                <input id="evidence-file" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="evidence-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              </p>
              <Button type="submit" isPending={upload.isPending}>
                {t('supplierPortal.report.upload')}
              </Button>
              {upload.isError ? <Message tone="error">{problemText(upload.error, t)}</Message> : null}
              {upload.isSuccess ? <Message tone="success">{t('supplierPortal.report.uploaded')}</Message> : null}
            </form>
          ) : null}
          <h3>{t('supplierPortal.report.comments')}</h3>
          {report.comments.length === 0 ? <p>{t('supplierPortal.report.noComments')}</p> : null}
          <ul className="supplier-comments">
            {report.comments.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>{c.authorName}</strong> ({t(`supplierPortal.side.${c.side}`)})
                </p>
                <p className="prewrap">{c.body}</p>
              </li>
            ))}
          </ul>
          <form
            className="supplier-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (answer.trim()) comment.mutate(answer, { onSuccess: () => setAnswer('') });
            }}
          >
            <TextField label={t('supplierPortal.report.answer')} multiline value={answer} onChange={setAnswer} />
            <Button type="submit" isPending={comment.isPending}>
              {t('supplierPortal.report.sendAnswer')}
            </Button>
            {comment.isError ? <Message tone="error">{problemText(comment.error, t)}</Message> : null}
          </form>
        </section>
      ) : null}
    </div>
  );
}
