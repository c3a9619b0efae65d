import type { MeView } from '@shared/auth/auth.schema';
import type { PortalRoute } from '../../app/routes';
import { MyDeclarationsPage } from './portal/MyDeclarationsPage';

/** The registry's portal pages (the QR declaration page itself is open before login and mounted by the portal shell). */
export function registryPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'declarations', element: <MyDeclarationsPage />, tile: { labelKey: 'registration', icon: null } }];
}
