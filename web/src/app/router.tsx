import { createBrowserRouter, Navigate } from 'react-router';
import { AdminLayout } from '../features/admin/routes/admin-layout';
import { AdminOrganisationRoute } from '../features/admin/routes/admin-organisation-route';
import { AdminUnitsRoute } from '../features/admin/routes/admin-units-route';
import { AdminUsersRoute } from '../features/admin/routes/admin-users-route';
import { AccountRoute } from '../features/auth/routes/account-route';
import { ApiTokensRoute } from '../features/auth/routes/api-tokens-route';
import { ChangePasswordRoute } from '../features/auth/routes/change-password-route';
import { InvitationRoute } from '../features/auth/routes/invitation-route';
import { LoginRoute } from '../features/auth/routes/login-route';
import { ProcurementContractsSection } from '../features/contracts/components/procurement-contracts-section';
import { ContractListRoute } from '../features/contracts/routes/contract-list-route';
import { ContractRoute } from '../features/contracts/routes/contract-route';
import { FollowUpQueueRoute } from '../features/follow-up/routes/follow-up-queue-route';
import { OverviewRoute } from '../features/overview/routes/overview-route';
import { ProcurementDetailsRoute } from '../features/procurements/routes/procurement-details-route';
import { ProcurementEditRoute } from '../features/procurements/routes/procurement-edit-route';
import { ProcurementListRoute } from '../features/procurements/routes/procurement-list-route';
import { ProcurementNewRoute } from '../features/procurements/routes/procurement-new-route';
import { EformsImportRoute } from '../features/market/routes/eforms-import-route';
import { MarketRoute } from '../features/market/routes/market-route';
import { NoticeRoute } from '../features/market/routes/notice-route';
import { SocialConsiderationsSection } from '../features/requirements/components/social-considerations-section';
import { LibraryLayout } from '../features/requirements/routes/library-layout';
import { LibraryRoute } from '../features/requirements/routes/library-route';
import { ScreeningPolicyRoute } from '../features/requirements/routes/screening-policy-route';
import { TargetGroupsRoute } from '../features/requirements/routes/target-groups-route';
import { TemplateRoute } from '../features/requirements/routes/template-route';
import { NotificationsRoute } from '../features/notifications/routes/notifications-route';
import { OutboxMessageRoute } from '../features/notifications/routes/outbox-message-route';
import { OutboxRoute } from '../features/notifications/routes/outbox-route';
import { SupplierHomeSwitch } from '../features/supplier-portal/components/supplier-home-switch';
import { SupplierContractRoute } from '../features/supplier-portal/routes/supplier-contract-route';
import { SupplierHomeRoute } from '../features/supplier-portal/routes/supplier-home-route';
import { SupplierReportRoute } from '../features/supplier-portal/routes/supplier-report-route';
import { NeedNewRoute } from '../features/matching/routes/need-new-route';
import { NeedRoute } from '../features/matching/routes/need-route';
import { NeedsRoute } from '../features/matching/routes/needs-route';
import { ParticipantEditRoute } from '../features/matching/routes/participant-edit-route';
import { ParticipantListRoute } from '../features/matching/routes/participant-list-route';
import { ParticipantNewRoute } from '../features/matching/routes/participant-new-route';
import { ParticipantRoute } from '../features/matching/routes/participant-route';
import { NotFoundRoute } from './not-found-route';
import { PublicResultsRoute } from '../features/results/routes/public-results-route';
import { ResultsDashboardRoute } from '../features/results/routes/results-dashboard-route';
import { PublicLayout, RootLayout, SignedInLayout } from './app-shell';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      children: [
        { element: <PublicLayout />, children: [{ path: '/login', element: <LoginRoute /> }, { path: '/invitation', element: <InvitationRoute /> }] },
        { element: <PublicLayout />, children: [{ path: '/oppna-resultat/:slug', element: <PublicResultsRoute /> }] },
        {
          element: <SignedInLayout />,
          children: [
            {
              path: '/',
              element: (
                <SupplierHomeSwitch>
                  <OverviewRoute />
                </SupplierHomeSwitch>
              ),
            },
            { path: '/supplier', element: <SupplierHomeRoute /> },
            { path: '/supplier/contracts/:id', element: <SupplierContractRoute /> },
            { path: '/supplier/contracts/:id/periods/:sequence', element: <SupplierReportRoute /> },
            { path: '/procurements', element: <ProcurementListRoute key="register" /> },
            { path: '/procurements/new', element: <ProcurementNewRoute /> },
            {
              path: '/procurements/:id',
              element: (
                <ProcurementDetailsRoute
                  socialSection={(p) => (
                    <>
                      <SocialConsiderationsSection procurement={p} />
                      <ProcurementContractsSection procurement={p} />
                    </>
                  )}
                />
              ),
            },
            { path: '/work-queue', element: <ProcurementListRoute isWorkQueue key="work-queue" /> },
            {
              path: '/library',
              element: <LibraryLayout />,
              children: [
                { index: true, element: <LibraryRoute /> },
                { path: 'target-groups', element: <TargetGroupsRoute /> },
                { path: 'screening-policy', element: <ScreeningPolicyRoute /> },
                { path: ':id', element: <TemplateRoute /> },
              ],
            },
            { path: '/contracts', element: <ContractListRoute /> },
            { path: '/contracts/:id', element: <ContractRoute /> },
            { path: '/follow-up', element: <FollowUpQueueRoute /> },
            { path: '/participants', element: <ParticipantListRoute /> },
            { path: '/participants/new', element: <ParticipantNewRoute /> },
            { path: '/participants/:id', element: <ParticipantRoute /> },
            { path: '/participants/:id/edit', element: <ParticipantEditRoute /> },
            { path: '/matching', element: <NeedsRoute /> },
            { path: '/matching/needs/new', element: <NeedNewRoute /> },
            { path: '/matching/needs/:id', element: <NeedRoute /> },
            { path: '/results', element: <ResultsDashboardRoute /> },
            { path: '/market', element: <MarketRoute /> },
            { path: '/market/notices/:noticeId', element: <NoticeRoute /> },
            { path: '/market/import', element: <EformsImportRoute /> },
            { path: '/procurements/:id/edit', element: <ProcurementEditRoute /> },
            {
              path: '/admin',
              element: <AdminLayout />,
              children: [
                { index: true, element: <Navigate to="/admin/units" replace /> },
                { path: 'units', element: <AdminUnitsRoute /> },
                { path: 'users', element: <AdminUsersRoute /> },
                { path: 'organisation', element: <AdminOrganisationRoute /> },
                { path: 'outbox', element: <OutboxRoute /> },
                { path: 'outbox/:id', element: <OutboxMessageRoute /> },
              ],
            },
            { path: '/account', element: <AccountRoute /> },
            { path: '/notifications', element: <NotificationsRoute /> },
            { path: '/account/password', element: <ChangePasswordRoute /> },
            { path: '/account/tokens', element: <ApiTokensRoute /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ]);
}
