import { useTranslation } from 'react-i18next';
import { Link } from '../components/ui/link';
import { PageHeading } from '../lib/page';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
