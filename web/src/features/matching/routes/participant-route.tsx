import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useParticipant, type ParticipantView } from '../api/matching-api';
import { AddConsentDialog, RevokeConsentDialog } from '../components/consent-dialogs';
import { EraseParticipantDialog } from '../components/erase-dialog';
import '../matching.css';

/** One participant: identity (the read is logged), profile, consents, and the right-of-access export. */
export function ParticipantRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const { canReadParticipants, canManageParticipants } = matchingCapabilitiesOf(me);
  const participant = useParticipant(id, canReadParticipants);
  const [addingConsent, setAddingConsent] = useState(false);
  const [revoking, setRevoking] = useState<ParticipantView['consents'][number] | null>(null);
  const [erasing, setErasing] = useState(false);
  const p = participant.data;
  const title = p ? (p.givenName ? `${p.givenName} ${p.familyName}` : p.reference) : t('matching.participant.title');
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : '–');
  const consentText = (c: ParticipantView['consents'][number]) =>
    `${t(`matching.scopes.${c.scope}`)} – ${c.supplierName ?? t('matching.participant.anySupplier')}, ${t('matching.participant.from', { date: date(c.givenOn) })}${c.revokedOn ? `, ${t('matching.participant.revoked', { date: date(c.revokedOn) })}` : ''}`;
  const mayChange = canManageParticipants && p !== undefined && p.erasedAt === null;
  if (!canReadParticipants) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      </div>
    );
  }
  return (
    <div className="page">
      <p>
        <Link href="/participants">{t('matching.participant.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {participant.isError ? <Message tone="error">{describeError(participant.error, t)}</Message> : null}
      {participant.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {mayChange ? (
        <p className="matching-actions">
          <Link variant="secondary" href={`/participants/${id}/edit`}>
            {t('matching.participant.edit')}
          </Link>
        </p>
      ) : null}
      {p ? (
        <>
          {p.erasedAt ? (
            <Message tone="info" live={false}>
              {t('matching.participant.erasedNotice', { date: date(p.erasedAt.slice(0, 10)) })}
            </Message>
          ) : null}
          <section aria-labelledby="identity-heading" className="section">
            <h2 id="identity-heading">{t('matching.participant.identity')}</h2>
            <dl className="matching-facts">
              <dt>{t('matching.participant.reference')}</dt>
              <dd>{p.reference}</dd>
              <dt>{t('matching.participant.number')}</dt>
              <dd>{p.personalIdentityNumber ?? '–'}</dd>
              <dt>{t('matching.participant.email')}</dt>
              <dd>{p.email ?? '–'}</dd>
              <dt>{t('matching.participant.phone')}</dt>
              <dd>{p.phone ?? '–'}</dd>
            </dl>
          </section>
          {p.profile ? (
            <section aria-labelledby="profile-heading" className="section">
              <h2 id="profile-heading">{t('matching.participant.profile')}</h2>
              <dl className="matching-facts">
                <dt>{t('matching.participant.targetGroups')}</dt>
                <dd>{p.profile.targetGroups.map((g) => `${t(`matching.targetGroups.${g.code}`, { defaultValue: g.code })} (${t(`matching.bases.${g.basis}`)})`).join(', ') || '–'}</dd>
                <dt>{t('matching.participant.unemployedSince')}</dt>
                <dd>{date(p.profile.unemployedSince)}</dd>
                <dt>{t('matching.form.fields.incomeSupport')}</dt>
                <dd>{p.profile.incomeSupport ? t('matching.yes') : t('matching.no')}</dd>
                <dt>{t('matching.form.fields.newlyArrived')}</dt>
                <dd>{p.profile.newlyArrived ? t('matching.yes') : t('matching.no')}</dd>
                <dt>{t('matching.form.fields.ageBand')}</dt>
                <dd>{t('matching.form.ageBand', { band: p.profile.ageBand })}</dd>
                <dt>{t('matching.participant.district')}</dt>
                <dd>{p.profile.districtCode ? t(`matching.districts.${p.profile.districtCode}`, { defaultValue: p.profile.districtCode }) : '–'}</dd>
                <dt>{t('matching.participant.occupations')}</dt>
                <dd>{p.profile.occupations.map((o) => `${o.ssykCode ?? o.occupationNameId ?? ''} (${o.experienced ? t('matching.participant.experienced') : t('matching.participant.wanted')})`).join(', ') || '–'}</dd>
                <dt>{t('matching.participant.skills')}</dt>
                <dd>{p.profile.skills.join(', ') || '–'}</dd>
                <dt>{t('matching.participant.languages')}</dt>
                <dd>{p.profile.languages.join(', ') || '–'}</dd>
                <dt>{t('matching.participant.licences')}</dt>
                <dd>{p.profile.drivingLicences.join(', ') || '–'}</dd>
                <dt>{t('matching.participant.availableFrom')}</dt>
                <dd>{date(p.profile.availableFrom)}</dd>
                <dt>{t('matching.participant.extent')}</dt>
                <dd>{p.profile.extentWantedPercent} %</dd>
                <dt>{t('matching.form.fields.training')}</dt>
                <dd>{p.profile.training.map((x) => (x.completedOn ? `${x.title} (${date(x.completedOn)})` : x.title)).join(', ') || '–'}</dd>
              </dl>
            </section>
          ) : null}
          <section aria-labelledby="consents-heading" className="section">
            <h2 id="consents-heading">{t('matching.participant.consents')}</h2>
            {p.consents.length === 0 ? <p>{t('matching.participant.noConsents')}</p> : null}
            <ul className="matching-consents">
              {p.consents.map((c) => (
                <li key={c.id}>
                  {consentText(c)}
                  {mayChange && c.revokedOn === null ? (
                    <>
                      {' '}
                      <Button variant="quiet" onPress={() => setRevoking(c)} aria-label={t('matching.consent.revokeLabel', { consent: consentText(c) })}>
                        {t('matching.consent.revoke')}
                      </Button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            {mayChange ? (
              <>
                <Button onPress={() => setAddingConsent(true)}>{t('matching.consent.add')}</Button>
                <AddConsentDialog participantId={p.id} isOpen={addingConsent} onOpenChange={setAddingConsent} />
                <RevokeConsentDialog participantId={p.id} consent={revoking} description={revoking ? consentText(revoking) : ''} onClose={() => setRevoking(null)} />
              </>
            ) : null}
          </section>
          <section aria-labelledby="export-heading" className="section">
            <h2 id="export-heading">{t('matching.participant.export')}</h2>
            <p>{t('matching.participant.exportHint')}</p>
            <p className="matching-actions">
              <Link variant="secondary" href={`/api/participants/${p.id}/export?format=pdf`} download>
                {t('matching.participant.exportPdf')}
              </Link>
              <Link variant="secondary" href={`/api/participants/${p.id}/export`} download>
                {t('matching.participant.exportJson')}
              </Link>
            </p>
          </section>
          {mayChange ? (
            <section aria-labelledby="erase-heading" className="section">
              <h2 id="erase-heading">{t('matching.erase.heading')}</h2>
              <p>{t('matching.erase.intro')}</p>
              <Button variant="danger" onPress={() => setErasing(true)}>
                {t('matching.erase.open')}
              </Button>
              <EraseParticipantDialog participantId={p.id} name={title} reference={p.reference} isOpen={erasing} onOpenChange={setErasing} />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
