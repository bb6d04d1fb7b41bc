import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../../../lib/session';
import { isSupplierOrganisation } from '../api/supplier-api';

/** A supplier organisation's home is its contracts with every buyer; everyone else sees `children`. */
export function SupplierHomeSwitch({ children }: { children: ReactNode }) {
  const me = useSession();
  return isSupplierOrganisation(me) ? <Navigate to="/supplier" replace /> : <>{children}</>;
}
