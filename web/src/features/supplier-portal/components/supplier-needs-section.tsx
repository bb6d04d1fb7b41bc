import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OccupationPicker } from '../../../components/occupation-picker';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { OccupationHit } from '../../../lib/reference-data';
import { EMPLOYMENT_FORM_OPTIONS } from '../../../../../src/domain/requirements/starter-templates.js';
import { useAnswerProposal, usePostNeed, useSupplierNeeds, type SupplierNeed, type SupplierNeedCreate } from '../api/supplier-api';

const REASONS = ['supplier_chose_other', 'participant_declined', 'requirements_not_met', 'no_show', 'need_cancelled', 'other'] as const;
const NEXT: Record<string, ReadonlyArray<'interview' | 'offer' | 'not_hired'>> = { proposed: ['interview', 'offer', 'not_hired'], interview: ['offer', 'not_hired'], offer: ['not_hired'] };
const EMPLOYMENT_FORMS = EMPLOYMENT_FORM_OPTIONS.map((o) => o.value);

/** Today in Sweden, as the server counts days. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function problemText(error: unknown, fallback: string): string {
  if (isApiError(error)) {
    const fields = error.problem.errors?.map((e) => e.message).join(' ');
    return fields ? `${error.problem.detail ?? ''} ${fields}`.trim() : (error.problem.detail ?? fallback);
  }
  return fallback;
}

function NeedForm({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const post = usePostNeed(contractId);
  const [title, setTitle] = useState('');
  const [occupation, setOccupation] = useState<OccupationHit | null>(null);
  const [occupationError, setOccupationError] = useState<string | undefined>(undefined);
  const [positions, setPositions] = useState('1');
  const [extent, setExtent] = useState('100');
  const [startsOn, setStartsOn] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [licences, setLicences] = useState('');
  const [languages, setLanguages] = useState('');
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (occupation === null) {
      setOccupationError(t('supplierNeeds.form.occupationMissing'));
      document.querySelector<HTMLElement>('[data-field="ssykCode"]')?.focus();
      return;
    }
    setOccupationError(undefined);
    const body: SupplierNeedCreate = {
      title,
      // A JobTech occupation name names its SSYK group too (the server derives it).
      ...(occupation.kind === 'name' ? { occupationNameId: occupation.occupationNameId } : { ssykCode: occupation.ssykCode }),
      positions: Number(positions),
      extentPercent: Number(extent),
      startsOn,
      ...(municipality.trim() ? { municipalityCode: municipality.trim() } : {}),
      requiredDrivingLicences: list(licences).map((l) => l.toUpperCase()) as SupplierNeedCreate['requiredDrivingLicences'],
      requiredLanguages: list(languages).map((l) => l.toLowerCase()),
    };
    post.mutate(body, {
      onSuccess: () => {
        setDone(true);
        setTitle('');
      },
    });
  };
  return (
    <form className="supplier-form" onSubmit={submit} aria-labelledby="need-form-heading">
      <h3 id="need-form-heading">{t('supplierNeeds.form.heading')}</h3>
      <TextField label={t('supplierNeeds.form.title')} value={title} onChange={setTitle} isRequired size="medium" />
      <OccupationPicker
        label={t('supplierNeeds.form.ssyk')}
        name="ssykCode"
        description={t('supplierNeeds.form.ssykHint')}
        value={occupation}
        onChoose={(hit) => {
          setOccupation(hit);
          if (hit) setOccupationError(undefined);
        }}
        unitGroupsOnly
        isRequired
        errorMessage={occupationError}
      />
      <TextField label={t('supplierNeeds.form.positions')} value={positions} onChange={setPositions} inputMode="numeric" isRequired size="short" />
      <TextField label={t('supplierNeeds.form.extent')} value={extent} onChange={setExtent} inputMode="numeric" isRequired size="short" />
      <p>
        <label htmlFor="need-start">{t('supplierNeeds.form.startsOn')}</label>
        <br />
        <input id="need-start" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
      </p>
      <TextField label={t('supplierNeeds.form.municipality')} description={t('supplierNeeds.form.municipalityHint')} value={municipality} onChange={setMunicipality} inputMode="numeric" size="short" />
      <TextField label={t('supplierNeeds.form.licences')} description={t('supplierNeeds.form.licencesHint')} value={licences} onChange={setLicences} size="short" />
      <TextField label={t('supplierNeeds.form.languages')} description={t('supplierNeeds.form.languagesHint')} value={languages} onChange={setLanguages} size="short" />
      {post.isError ? <Message tone="error">{problemText(post.error, t('supplierNeeds.errors.save'))}</Message> : null}
      {done ? <p role="status">{t('supplierNeeds.form.saved')}</p> : null}
      <div className="supplier-actions">
        <Button type="submit" variant="primary" isPending={post.isPending}>
          {t('supplierNeeds.form.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Anställd": start date, extent, employment form and planned end. The target group is never
 * asked: it comes from the labour-market unit's verified judgment (decision 0604).
 */
function HireForm({ contractId, need, proposal }: { contractId: string; need: SupplierNeed; proposal: SupplierNeed['proposals'][number] }) {
  const { t } = useTranslation();
  const answer = useAnswerProposal(contractId);
  const [open, setOpen] = useState(false);
  const [startedOn, setStartedOn] = useState(today());
  const [extent, setExtent] = useState(String(need.extentPercent));
  const [form, setForm] = useState(EMPLOYMENT_FORMS[0] ?? 'las_employment');
  const [plannedEndOn, setPlannedEndOn] = useState('');
  const id = (field: string) => `hire-${field}-${proposal.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({
      needId: need.id,
      proposalId: proposal.id,
      body: { outcome: 'hired', on: today(), placement: { startedOn, employmentForm: form, extentPercent: Number(extent), ...(plannedEndOn ? { plannedEndOn } : {}) } },
    });
  };
  if (!open) {
    return (
      <Button onPress={() => setOpen(true)} aria-label={t('supplierNeeds.answer.hiredFor', { ref: proposal.reference })}>
        {t('supplierNeeds.answer.hired')}
      </Button>
    );
  }
  return (
    <form className="supplier-form" onSubmit={submit} aria-labelledby={id('heading')}>
      <h4 id={id('heading')}>{t('supplierNeeds.hire.heading', { ref: proposal.reference })}</h4>
      <p>{t('supplierNeeds.hire.intro')}</p>
      <p>
        <label htmlFor={id('start')}>{t('supplierNeeds.hire.startedOn')}</label>
        <br />
        <input id={id('start')} type="date" value={startedOn} onChange={(e) => setStartedOn(e.target.value)} required />
      </p>
      <TextField label={t('supplierNeeds.hire.extent')} value={extent} onChange={setExtent} inputMode="numeric" isRequired size="short" />
      <p>
        <label htmlFor={id('form')}>{t('supplierNeeds.hire.employmentForm')}</label>
        <br />
        <select id={id('form')} value={form} onChange={(e) => setForm(e.target.value)}>
          {EMPLOYMENT_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`supplierPortal.employmentForm.${f}`, { defaultValue: f })}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label htmlFor={id('end')}>{t('supplierNeeds.hire.plannedEndOn')}</label>
        <br />
        <input id={id('end')} type="date" value={plannedEndOn} onChange={(e) => setPlannedEndOn(e.target.value)} />
      </p>
      {answer.isError ? <Message tone="error">{problemText(answer.error, t('supplierNeeds.errors.save'))}</Message> : null}
      <div className="supplier-actions">
        <Button type="submit" variant="primary" isPending={answer.isPending}>
          {t('supplierNeeds.hire.submit')}
        </Button>
        <Button onPress={() => setOpen(false)}>{t('supplierNeeds.hire.cancel')}</Button>
      </div>
    </form>
  );
}

function ProposalAnswers({ contractId, need, proposal }: { contractId: string; need: SupplierNeed; proposal: SupplierNeed['proposals'][number] }) {
  const { t } = useTranslation();
  const answer = useAnswerProposal(contractId);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('supplier_chose_other');
  const next = NEXT[proposal.status] ?? [];
  if (next.length === 0) return null;
  const send = (outcome: 'interview' | 'offer' | 'not_hired') =>
    answer.mutate({ needId: need.id, proposalId: proposal.id, body: { outcome, on: today(), ...(outcome === 'not_hired' ? { notHiredReason: reason } : {}) } });
  const reasonId = `reason-${proposal.id}`;
  return (
    <div className="supplier-actions">
      {next
        .filter((o) => o !== 'not_hired')
        .map((o) => (
          <Button key={o} onPress={() => send(o)} isPending={answer.isPending} aria-label={t(`supplierNeeds.answer.${o}For`, { ref: proposal.reference })}>
            {t(`supplierNeeds.answer.${o}`)}
          </Button>
        ))}
      <span>
        <label htmlFor={reasonId}>{t('supplierNeeds.answer.reason')}</label>{' '}
        <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`supplierNeeds.reason.${r}`)}
            </option>
          ))}
        </select>
      </span>
      <Button onPress={() => send('not_hired')} isPending={answer.isPending} aria-label={t('supplierNeeds.answer.not_hiredFor', { ref: proposal.reference })}>
        {t('supplierNeeds.answer.not_hired')}
      </Button>
      {answer.isError ? <Message tone="error">{problemText(answer.error, t('supplierNeeds.errors.save'))}</Message> : null}
      <HireForm contractId={contractId} need={need} proposal={proposal} />
    </div>
  );
}

/** The supplier's recruitment needs under one contract, the candidates proposed, and a form to post a need. */
export function SupplierNeedsSection({ contractId }: { contractId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const needs = useSupplierNeeds(contractId);
  return (
    <section aria-labelledby="needs-heading" className="section">
      <h2 id="needs-heading">{t('supplierNeeds.heading')}</h2>
      <p>{t('supplierNeeds.intro')}</p>
      {needs.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {needs.isError ? <Message tone="error">{t('supplierNeeds.errors.load')}</Message> : null}
      {needs.data && needs.data.length === 0 ? <p>{t('supplierNeeds.none')}</p> : null}
      {needs.data?.map((need) => (
        <article key={need.id} className="supplier-card" aria-labelledby={`need-${need.id}`}>
          <h3 id={`need-${need.id}`}>{need.title}</h3>
          <p>
            {t('supplierNeeds.summary', { occupation: need.occupationLabel ?? need.ssykCode ?? '', positions: need.positions, extent: need.extentPercent, date: formatDate(need.startsOn, lang) })} ·{' '}
            {t(`supplierNeeds.status.${need.status}`)}
          </p>
          {need.proposals.length === 0 ? (
            <p>{t('supplierNeeds.noProposals')}</p>
          ) : (
            <ul className="supplier-list">
              {need.proposals.map((p) => (
                <li key={p.id}>
                  <p>
                    {t('supplierNeeds.proposal', { ref: p.reference, status: t(`supplierNeeds.proposalStatus.${p.status}`) })}
                    {p.availableFrom ? ` · ${t('supplierNeeds.availableFrom', { date: formatDate(p.availableFrom, lang) })}` : ''}
                    {p.languages.length ? ` · ${t('supplierNeeds.languages', { list: p.languages.join(', ') })}` : ''}
                    {p.drivingLicences.length ? ` · ${t('supplierNeeds.licences', { list: p.drivingLicences.join(', ') })}` : ''}
                  </p>
                  {p.contact ? (
                    <p>
                      {t('supplierNeeds.contact', { name: `${p.contact.givenName} ${p.contact.familyName}` })}
                      {p.contact.phone ? ` · ${t('supplierNeeds.contactPhone', { phone: p.contact.phone })}` : ''}
                      {p.contact.email ? ` · ${t('supplierNeeds.contactEmail', { email: p.contact.email })}` : ''}
                    </p>
                  ) : (
                    <p>{t('supplierNeeds.contactAfterConsent')}</p>
                  )}
                  <ProposalAnswers contractId={contractId} need={need} proposal={p} />
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
      <NeedForm contractId={contractId} />
    </section>
  );
}
