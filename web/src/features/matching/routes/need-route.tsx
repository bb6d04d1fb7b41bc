import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useCandidates, useNeed, usePropose } from '../api/matching-api';
import '../matching.css';

/** One need with its ranked candidates, why each ranks where it does, and a button to propose. */
export function NeedRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const { canReadParticipants, canPropose } = matchingCapabilitiesOf(me);
  const need = useNeed(id, canReadParticipants);
  const candidates = useCandidates(id, canReadParticipants);
  const propose = usePropose(id);
  const n = need.data;
  const title = n ? n.title : t('matching.need.title');
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
  const c = candidates.data;
  return (
    <div className="page page--wide">
      <p>
        <Link href="/matching">{t('matching.need.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {need.isError ? <Message tone="error">{describeError(need.error, t)}</Message> : null}
      {propose.isError ? <Message tone="error">{describeError(propose.error, t)}</Message> : null}
      {propose.isSuccess ? <Message tone="success">{t('matching.need.proposed')}</Message> : null}
      {n ? (
        <p>
          {t('matching.need.summary', { supplier: n.supplierName, positions: n.positions, occupation: `${n.ssykCode ?? ''} ${n.occupationLabel ?? ''}`, start: formatDate(n.startsOn, i18n.language) })}
        </p>
      ) : null}
      <section aria-labelledby="candidates-heading" className="section">
        <h2 id="candidates-heading">{t('matching.need.candidates')}</h2>
        {candidates.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {c ? <p>{t('matching.need.scored', { scored: c.scored, consent: c.excludedByFilter.no_consent, licence: c.excludedByFilter.missing_driving_licence, language: c.excludedByFilter.missing_language, availability: c.excludedByFilter.not_available })}</p> : null}
        {c && c.candidates.length > 0 ? (
          <ol className="matching-candidates">
            {c.candidates.map((cand) => (
              <li key={cand.participantId} className="matching-candidate">
                <h3>{t('matching.need.candidate', { reference: cand.reference, score: cand.score })}</h3>
                <ul>
                  {cand.reasons.map((r) => (
                    <li key={r.code}>{t(`matching.reasons.${r.code}`, { ...r, defaultValue: r.code })}</li>
                  ))}
                </ul>
                {canPropose ? (
                  cand.proposed ? (
                    <p>{t('matching.need.alreadyProposed')}</p>
                  ) : (
                    <Button onPress={() => propose.mutate(cand.participantId)} isPending={propose.isPending && propose.variables === cand.participantId} aria-label={t('matching.need.proposeLabel', { reference: cand.reference })}>
                      {t('matching.need.propose')}
                    </Button>
                  )
                ) : null}
              </li>
            ))}
          </ol>
        ) : c ? (
          <p>{t('matching.need.noCandidates')}</p>
        ) : null}
      </section>
    </div>
  );
}
