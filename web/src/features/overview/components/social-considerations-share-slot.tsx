import { useTranslation } from 'react-i18next';

/**
 * SLOT: "share of service procurements with social considerations vs goal".
 * A later capability (social-considerations decisions) replaces the placeholder text with
 * the figure; the goal already comes from the organisation (socialGoalPercent).
 */
export function SocialConsiderationsShareSlot({ goalPercent }: { goalPercent: number | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="card card--slot" aria-labelledby="social-share-heading" data-slot="social-considerations-share">
      <h2 id="social-share-heading">{t('overview.socialShare.title')}</h2>
      {goalPercent !== undefined ? <p className="card__figure-text">{t('overview.socialShare.goal', { percent: goalPercent })}</p> : null}
      <p className="muted">{t('overview.socialShare.pending')}</p>
    </section>
  );
}
