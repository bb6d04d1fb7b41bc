import { createBrowserRouter, Navigate } from 'react-router';
import { AdminLayout } from '../features/admin/routes/admin-layout';
import { AdminUnitsRoute } from '../features/admin/routes/admin-units-route';
import { AdminUsersRoute } from '../features/admin/routes/admin-users-route';
import { ApiTokensRoute } from '../features/auth/routes/api-tokens-route';
import { ChangePasswordRoute } from '../features/auth/routes/change-password-route';
import { LoginRoute } from '../features/auth/routes/login-route';
import { OverviewRoute } from '../features/overview/routes/overview-route';
import { ProcurementDetailsRoute } from '../features/procurements/routes/procurement-details-route';
import { ProcurementEditRoute } from '../features/procurements/routes/procurement-edit-route';
import { ProcurementListRoute } from '../features/procurements/routes/procurement-list-route';
import { ProcurementNewRoute } from '../features/procurements/routes/procurement-new-route';
import { NotFoundRoute } from './not-found-route';
import { PublicLayout, RootLayout, SignedInLayout } from './app-shell';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      children: [
        { element: <PublicLayout />, children: [{ path: '/login', element: <LoginRoute /> }] },
        {
          element: <SignedInLayout />,
          children: [
            { path: '/', element: <OverviewRoute /> },
            { path: '/procurements', element: <ProcurementListRoute /> },
            { path: '/procurements/new', element: <ProcurementNewRoute /> },
            { path: '/procurements/:id', element: <ProcurementDetailsRoute /> },
            { path: '/procurements/:id/edit', element: <ProcurementEditRoute /> },
            {
              path: '/admin',
              element: <AdminLayout />,
              children: [
                { index: true, element: <Navigate to="/admin/units" replace /> },
                { path: 'units', element: <AdminUnitsRoute /> },
                { path: 'users', element: <AdminUsersRoute /> },
              ],
            },
            { path: '/account/password', element: <ChangePasswordRoute /> },
            { path: '/account/tokens', element: <ApiTokensRoute /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ]);
}
