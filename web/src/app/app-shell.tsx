import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useHref, useLocation, useMatch, useNavigate, type NavigateOptions } from 'react-router';
import {
  Button as AriaButton,
  I18nProvider,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  RouterProvider as AriaRouterProvider,
  Separator,
  ToggleButton,
  ToggleButtonGroup,
} from 'react-aria-components';
import { Link } from '../components/ui/link';
import { contractCapabilitiesOf } from '../features/contracts/api/contract-rights';
import { matchingCapabilitiesOf } from '../features/matching/api/matching-api';
import { canReadFollowUp } from '../features/follow-up/api/follow-up-api';
import { NotificationsLink } from '../features/notifications/components/notifications-link';
import { isSupplierOrganisation } from '../features/supplier-portal/api/supplier-api';
import { apiRequest } from '../lib/api-client';
import { AnnouncerProvider } from '../lib/announcer';
import { changeLanguage, type Language } from '../lib/i18n/i18n';
import { ChooseOrganisationRoute } from '../features/auth/routes/choose-organisation-route';
import { capabilitiesOf, useChooseOrganisation, useMe, useSession } from '../lib/session';
import { canReadResults } from '../features/results/api/results-rights';
import './app-shell.css';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

/** Makes react-aria links and menu items navigate through React Router. */
export function RootLayout() {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  return (
    <AriaRouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <I18nProvider locale={i18n.language === 'en' ? 'en-GB' : 'sv-SE'}>
        <AnnouncerProvider>
          <Outlet />
        </AnnouncerProvider>
      </I18nProvider>
    </AriaRouterProvider>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      aria-label={t('app.language')}
      className="language-switch"
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[i18n.language === 'en' ? 'en' : 'sv']}
      onSelectionChange={(keys) => {
        const [next] = [...keys];
        if (next === 'sv' || next === 'en') void changeLanguage(next as Language);
      }}
    >
      <ToggleButton id="sv" lang="sv" className="language-switch__button">
        Svenska
      </ToggleButton>
      <ToggleButton id="en" lang="en" className="language-switch__button">
        English
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('app.footer')}</p>
        <p>
          <a className="link" href="/api/docs">
            {t('app.apiDocs')}
          </a>
        </p>
      </div>
    </footer>
  );
}

function Main({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="site-main">
      {children}
    </main>
  );
}

/** Login and other pages for people who are not signed in. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <p className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </p>
          <LanguageSwitch />
        </div>
      </header>
      <Main>
        <Outlet />
      </Main>
      <Footer />
    </div>
  );
}

function NavLink({ href, children, end = false }: { href: string; children: ReactNode; end?: boolean }) {
  const match = useMatch({ path: href, end });
  return (
    <Link href={href} className="main-nav__link" aria-current={match ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const choose = useChooseOrganisation();
  const others = me.organisations.filter((o) => o.id !== me.organisation.id);
  const signOut = async () => {
    try {
      await apiRequest('/api/auth/logout', { method: 'POST' });
    } finally {
      client.clear();
      void navigate('/login', { replace: true });
    }
  };
  return (
    <MenuTrigger>
      <AriaButton className="user-menu__button">
        <span className="visually-hidden">{t('app.userMenu')}: </span>
        {me.user.displayName}
        <span aria-hidden="true"> ▾</span>
      </AriaButton>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" aria-label={t('app.userMenu')}>
          {others.map((o) => (
            <MenuItem key={o.id} className="menu__item" onAction={() => void choose(o.slug).then(() => navigate('/'))}>
              {t('account.switchTo', { name: o.name })}
            </MenuItem>
          ))}
          {others.length > 0 ? <Separator className="menu__separator" /> : null}
          <MenuItem className="menu__item" href="/account">
            {t('account.myAccount')}
          </MenuItem>
          <MenuItem className="menu__item" href="/account/password">
            {t('nav.changePassword')}
          </MenuItem>
          <MenuItem className="menu__item" href="/account/tokens">
            {t('nav.apiTokens')}
          </MenuItem>
          <Separator className="menu__separator" />
          <MenuItem className="menu__item" onAction={() => void signOut()}>
            {t('nav.signOut')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  return (
    <AriaButton
      className="user-menu__button"
      onPress={() => {
        void apiRequest('/api/auth/logout', { method: 'POST' }).finally(() => {
          client.clear();
          void navigate('/login', { replace: true });
        });
      }}
    >
      {t('nav.signOut')}
    </AriaButton>
  );
}

function SignedInHeader() {
  const { t } = useTranslation();
  const me = useSession();
  const { canAdminister, canReadProcurements, canDecide, canReadLibrary, canReadMarket } = capabilitiesOf(me);
  const { canReadContracts } = contractCapabilitiesOf(me);
  const { canReadParticipants, canReadNeeds } = matchingCapabilitiesOf(me);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <Link href="/" className="brand__name">
            {t('app.name')}
          </Link>
          <span className="brand__organisation">{me.organisation.name}</span>
        </p>
        <div className="site-header__tools">
          <NotificationsLink />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </div>
      <nav aria-label={t('nav.label')} className="main-nav">
        <ul className="main-nav__list">
          {isSupplierOrganisation(me) ? (
            <li>
              <NavLink href="/supplier">{t('supplierPortal.nav')}</NavLink>
            </li>
          ) : (
            <li>
              <NavLink href="/" end>
                {t('nav.overview')}
              </NavLink>
            </li>
          )}
          {canReadProcurements ? (
            <li>
              <NavLink href="/procurements">{t('nav.procurements')}</NavLink>
            </li>
          ) : null}
          {canDecide ? (
            <li>
              <NavLink href="/work-queue">{t('nav.workQueue')}</NavLink>
            </li>
          ) : null}
          {canReadContracts ? (
            <li>
              <NavLink href="/contracts">{t('nav.contracts')}</NavLink>
            </li>
          ) : null}
          {canReadFollowUp(me) ? (
            <li>
              <NavLink href="/follow-up">{t('nav.followUp')}</NavLink>
            </li>
          ) : null}
          {canReadParticipants ? (
            <li>
              <NavLink href="/participants">{t('matching.nav.participants')}</NavLink>
            </li>
          ) : null}
          {canReadNeeds ? (
            <li>
              <NavLink href="/matching">{t('matching.nav.matching')}</NavLink>
            </li>
          ) : null}
          {canReadResults(me) ? (
            <li>
              <NavLink href="/results">{t('results.nav')}</NavLink>
            </li>
          ) : null}
          {canReadLibrary ? (
            <li>
              <NavLink href="/library">{t('nav.library')}</NavLink>
            </li>
          ) : null}
          {canReadMarket ? (
            <li>
              <NavLink href="/market">{t('nav.market')}</NavLink>
            </li>
          ) : null}
          {canAdminister ? (
            <li>
              <NavLink href="/admin">{t('nav.administration')}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}

/** Every page of a signed-in person: header with navigation, main, footer. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="layout">
        <Main>
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        </Main>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="layout">
        <Main>
          <p role="alert">{t('errors.codes.unknown')}</p>
        </Main>
      </div>
    );
  }
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.organisation === null) {
    // Several memberships and none chosen yet: no default, the person chooses (docs/decisions/0301).
    return (
      <div className="layout">
        <SkipLink />
        <header className="site-header">
          <div className="site-header__inner">
            <p className="brand">
              <span className="brand__name">{t('app.name')}</span>
            </p>
            <div className="site-header__tools">
              <LanguageSwitch />
              <SignOutButton />
            </div>
          </div>
        </header>
        <Main>
          <ChooseOrganisationRoute me={me.data} />
        </Main>
        <Footer />
      </div>
    );
  }
  return (
    <div className="layout">
      <SkipLink />
      <SignedInHeader />
      <Main>
        <Outlet />
      </Main>
      <Footer />
    </div>
  );
}
