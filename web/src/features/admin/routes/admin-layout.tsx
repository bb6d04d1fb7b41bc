import { useTranslation } from 'react-i18next';
import { Outlet, useMatch } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { PageHeading } from '../../../lib/page';
import { capabilitiesOf, useSession } from '../../../lib/session';

function SubNavLink({ href, children }: { href: string; children: string }) {
  const match = useMatch(href);
  return (
    <Link href={href} className="sub-nav__link" aria-current={match ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Administration (admins): the unit tree and the people of the organisation. */
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useSession();
  if (!capabilitiesOf(me).canAdminister) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('admin.title')}>{t('admin.title')}</PageHeading>
        <Message tone="info">{t('admin.notAllowed')}</Message>
      </div>
    );
  }
  return (
    <div className="page">
      <nav aria-label={t('admin.navLabel')} className="sub-nav">
        <ul>
          <li>
            <SubNavLink href="/admin/units">{t('admin.units.title')}</SubNavLink>
          </li>
          <li>
            <SubNavLink href="/admin/users">{t('admin.users.title')}</SubNavLink>
          </li>
          <li>
            <SubNavLink href="/admin/organisation">{t('admin.organisation.title')}</SubNavLink>
          </li>
          <li>
            <SubNavLink href="/admin/outbox">{t('notifications.outbox.title')}</SubNavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
