import { useTranslation } from 'react-i18next';
import { isPublishedOrLater } from '../../../../../src/domain/procurement/procurement-status.js';
import { can } from '../../../../../src/domain/access/can.js';
import { Badge } from '../../../components/ui/badge';
import { Message } from '../../../components/ui/message';
import { formatDateTime } from '../../../lib/format';
import { describeError } from '../../../lib/problems';
import { actorOf, useSession } from '../../../lib/session';
import { useDecision, useScreening, type Decision } from '../api/requirements-api';
import { DecisionDocuments } from './decision-documents';
import { DecisionEditor, type SocialProcurement } from './decision-form';
import { ScreeningPanel } from './screening-panel';

function DecisionSummary({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <div className="decision-summary">
      <h3 id="decision-heading">{t('decision.title')}</h3>
      <p>
        {t('decision.current')}{' '}
        <Badge tone={decision.kind === 'apply' ? 'positive' : 'neutral'}>{t(`decision.kindBadge.${decision.kind}`)}</Badge>
      </p>
      <p className="muted">
        {t('decision.meta', {
          revision: decision.revision,
          who: decision.decidedBy?.displayName ?? t('common.notSet'),
          date: formatDateTime(decision.decidedAt, i18n.language),
        })}
      </p>
      {decision.requirements.length > 0 ? (
        <ul>
          {decision.requirements.map((r) => (
            <li key={`${r.templateVersionId}-${(r.lotNumbers ?? []).join('-')}`}>
              {r.title[lang]} ({t('library.versionShort', { version: r.version })}) –{' '}
              {r.lotNumbers === null ? t('decision.wholeProcurement') : t('documents.forLots', { lots: r.lotNumbers.join(', ') })}
            </li>
          ))}
        </ul>
      ) : null}
      {decision.justification ? (
        <>
          <h4>{t('decision.justification')}</h4>
          <p className="prewrap">{decision.justification}</p>
        </>
      ) : null}
    </div>
  );
}

/**
 * "Social hänsyn" on a procurement: the screening, the comply-or-explain decision (a form for
 * those who may record it, read-only once the procurement is published) and the documents.
 */
export function SocialConsiderationsSection({ procurement }: { procurement: SocialProcurement }) {
  const { t } = useTranslation();
  const me = useSession();
  const actor = actorOf(me);
  const resource = { organisationId: me.organisation.id, unitId: procurement.unit.id };
  const canRun = can(actor, 'screening:run', resource);
  const canDecide = can(actor, 'decision:record', resource);
  const screening = useScreening(procurement.id);
  const decision = useDecision(procurement.id);
  const isLocked = isPublishedOrLater(procurement.status as Parameters<typeof isPublishedOrLater>[0]) || decision.data?.isLocked === true;

  return (
    <section aria-labelledby="social-heading" className="section card social">
      <h2 id="social-heading">{t('social.title')}</h2>
      <ScreeningPanel procurementId={procurement.id} canRun={canRun && !isLocked} />
      {decision.isError ? <Message tone="error">{describeError(decision.error, t)}</Message> : null}
      {decision.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : decision.data === undefined ? null : (
        <>
          {decision.data ? <DecisionSummary decision={decision.data} /> : <h3 id="decision-heading">{t('decision.title')}</h3>}
          {!decision.data ? <p>{t('decision.noneYet')}</p> : null}
          {isLocked ? (
            <Message tone="info" live={false}>
              {procurement.status === 'published'
                ? t('decision.locked')
                : isPublishedOrLater(procurement.status as Parameters<typeof isPublishedOrLater>[0])
                  ? t('decision.lockedStatus', { status: t(`status.${procurement.status}`) })
                  : t('decision.lockedOther')}
            </Message>
          ) : !canDecide ? (
            <p className="muted">{t('decision.notAllowed')}</p>
          ) : screening.data ? (
            <DecisionEditor procurement={procurement} decision={decision.data} recommendation={screening.data.recommendation} onSaved={() => undefined} />
          ) : null}
          {decision.data ? <DecisionDocuments procurementId={procurement.id} decision={decision.data} /> : null}
        </>
      )}
    </section>
  );
}
