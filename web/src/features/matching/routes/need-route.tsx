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
import { matchingCapabilitiesOf, useCandidates, useNeed, useNeedProposals, usePropose, type ProposalView } from '../api/matching-api';
import { NEXT_OUTCOMES, OutcomeDialog } from '../components/outcome-dialog';
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
  const proposals = useNeedProposals(id, canReadParticipants);
  const [answering, setAnswering] = useState<ProposalView | null>(null);
  const [hired, setHired] = useState(false);
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
      {hired && n ? (
        <Message tone="success">
          {t('matching.outcome.placementRecorded', { contract: n.contractReference })}{' '}
          <Link href={`/contracts/${n.contractId}`}>{t('matching.outcome.showPlacement', { contract: n.contractReference })}</Link>
        </Message>
      ) : null}
      {n ? (
        <p>
          {t('matching.need.summary', { supplier: n.supplierName, positions: n.positions, occupation: `${n.ssykCode ?? ''} ${n.occupationLabel ?? ''}`, start: formatDate(n.startsOn, i18n.language) })}
        </p>
      ) : null}
      {n ? (
        <p>
          {t('matching.need.status', { status: t(`matching.need.statuses.${n.status}`), hired: n.hired, positions: n.positions })}
        </p>
      ) : null}
      <section aria-labelledby="proposals-heading" className="section">
        <h2 id="proposals-heading">{t('matching.proposals.heading')}</h2>
        {proposals.isError ? <Message tone="error">{describeError(proposals.error, t)}</Message> : null}
        {proposals.data && proposals.data.length === 0 ? <p>{t('matching.proposals.none')}</p> : null}
        {proposals.data && proposals.data.length > 0 ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="proposals-caption">
            <table className="table">
              <caption id="proposals-caption" className="visually-hidden">
                {t('matching.proposals.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.proposals.columns.reference')}</th>
                  <th scope="col">{t('matching.proposals.columns.score')}</th>
                  <th scope="col">{t('matching.proposals.columns.status')}</th>
                  <th scope="col">{t('matching.proposals.columns.history')}</th>
                  {canPropose ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {proposals.data.map((pr) => (
                  <tr key={pr.id}>
                    <th scope="row">{pr.reference}</th>
                    <td>{pr.score}</td>
                    <td>
                      {t(`matching.proposals.statuses.${pr.status}`)}
                      {pr.notHiredReason ? ` (${t(`matching.outcome.reasons.${pr.notHiredReason}`, { defaultValue: pr.notHiredReason })})` : ''}
                    </td>
                    <td>{pr.history.map((h) => `${t(`matching.proposals.statuses.${h.status}`, { defaultValue: h.status })} ${formatDate(h.on, i18n.language)}`).join(' → ')}</td>
                    {canPropose ? (
                      <td>
                        {(NEXT_OUTCOMES[pr.status] ?? []).length > 0 ? (
                          <Button onPress={() => setAnswering(pr)} aria-label={t('matching.proposals.recordLabel', { reference: pr.reference })}>
                            {t('matching.proposals.record')}
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
        {n ? <OutcomeDialog need={n} proposal={answering} onClose={() => setAnswering(null)} onHired={() => setHired(true)} /> : null}
      </section>
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
