import { AlertOutlined, CarryOutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { HazardsPage } from './pages/HazardsPage';
import { InspectionPage } from './pages/InspectionPage';
import { TodayPage } from './pages/TodayPage';
import { MyHousesPage } from './portal/MyHousesPage';

export { HouseInspectionsPanel } from './components/HouseInspectionsPanel';

export function inspectionsConsoleRoutes(_me: MeView): ConsoleRoute[] {
  return [
    { path: '/inspections/today', element: <TodayPage />, permission: 'inspections.inspect', menu: { labelKey: 'inspections:menu.today', icon: <CarryOutOutlined />, order: 40 } },
    { path: '/inspections/inspections/:id', element: <InspectionPage />, permission: 'inspections.read' },
    { path: '/inspections/hazards', element: <HazardsPage side="staff" />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.hazards', icon: <AlertOutlined />, order: 41 } },
    { path: '/inspections/department', element: <HazardsPage side="department" />, permission: 'inspections.handle', menu: { labelKey: 'inspections:menu.department', icon: <SafetyCertificateOutlined />, order: 42 } },
  ];
}

/** Any portal account may let a house: the page lists the houses whose landlord's registered mobile is the account's. */
export function inspectionsPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'rental', element: <MyHousesPage />, tile: { labelKey: 'rental', icon: null } }];
}
