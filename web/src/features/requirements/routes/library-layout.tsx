import { useTranslation } from 'react-i18next';
import { Outlet, useMatch } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { PageHeading } from '../../../lib/page';
import { capabilitiesOf, useSession } from '../../../lib/session';

function SubNavLink({ href, children, end = true }: { href: string; children: string; end?: boolean }) {
  const match = useMatch({ path: href, end });
  return (
    <Link href={href} className="sub-nav__link" aria-current={match ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The requirement library with its neighbours: target groups and the screening policy. */
export function LibraryLayout() {
  const { t } = useTranslation();
  const { canReadLibrary } = capabilitiesOf(useSession());
  if (!canReadLibrary) {
    // One clear message, no sub-navigation or filters (issue 11 item 6).
    return (
      <div className="page">
        <PageHeading title={t('library.title')}>{t('library.title')}</PageHeading>
        <Message tone="info" live={false}>
          {t('library.notAllowed')}
        </Message>
      </div>
    );
  }
  return (
    <div className="page">
      <nav aria-label={t('library.navLabel')} className="sub-nav">
        <ul>
          <li>
            <SubNavLink href="/library">{t('library.templates')}</SubNavLink>
          </li>
          <li>
            <SubNavLink href="/library/target-groups">{t('targetGroups.title')}</SubNavLink>
          </li>
          <li>
            <SubNavLink href="/library/screening-policy">{t('policy.title')}</SubNavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
