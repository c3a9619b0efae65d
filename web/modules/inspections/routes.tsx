import { AlertOutlined, AppstoreOutlined, AimOutlined, BarChartOutlined, CalendarOutlined, CarryOutOutlined, OrderedListOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { CampaignsPage } from './pages/CampaignsPage';
import { ChecklistPage } from './pages/ChecklistPage';
import { GridsPage } from './pages/GridsPage';
import { HazardsPage } from './pages/HazardsPage';
import { InspectionCalendarPage } from './pages/InspectionCalendarPage';
import { InspectionStatsPage } from './pages/InspectionStatsPage';
import { RegistrationTasksPage } from './pages/RegistrationTasksPage';
import { InspectionPage } from './pages/InspectionPage';
import { TodayPage } from './pages/TodayPage';
import { MyHousesPage } from './portal/MyHousesPage';

export { HouseInspectionsPanel } from './components/HouseInspectionsPanel';

export function inspectionsConsoleRoutes(me: MeView): ConsoleRoute[] {
  const can = (permission: string) => me.permissions.includes(permission);
  // The checklist is the city's: only city-level staff who manage inspections edit it.
  const editChecklist = can('inspections.manage') && (me.division?.code.length ?? 99) <= 4;
  return [
    { path: '/inspections/today', element: <TodayPage />, permission: 'inspections.inspect', menu: { labelKey: 'inspections:menu.today', icon: <CarryOutOutlined />, order: 40 } },
    { path: '/inspections/inspections/:id', element: <InspectionPage />, permission: 'inspections.read' },
    { path: '/inspections/hazards', element: <HazardsPage side="staff" />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.hazards', icon: <AlertOutlined />, order: 41 } },
    { path: '/inspections/registration-tasks', element: <RegistrationTasksPage canAct={can('inspections.inspect')} />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.tasks', icon: <UserAddOutlined />, order: 40.5 } },
    { path: '/inspections/calendar', element: <InspectionCalendarPage />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.calendar', icon: <CalendarOutlined />, order: 41.2 } },
    { path: '/inspections/campaigns', element: <CampaignsPage me={me} canManage={can('inspections.manage')} />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.campaigns', icon: <AimOutlined />, order: 41.3 } },
    { path: '/inspections/grids', element: <GridsPage canAssign={can('admin.users')} />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.grids', icon: <AppstoreOutlined />, order: 41.4 } },
    { path: '/inspections/stats', element: <InspectionStatsPage />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.stats', icon: <BarChartOutlined />, order: 41.6 } },
    { path: '/inspections/checklist', element: <ChecklistPage canEdit={editChecklist} />, permission: 'inspections.read', menu: { labelKey: 'inspections:menu.checklist', icon: <OrderedListOutlined />, order: 41.8 } },
    { path: '/inspections/department', element: <HazardsPage side="department" />, permission: 'inspections.handle', menu: { labelKey: 'inspections:menu.department', icon: <SafetyCertificateOutlined />, order: 42 } },
  ];
}

/** Any portal account may let a house: the page lists the houses whose landlord's registered mobile is the account's. */
export function inspectionsPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'rental', element: <MyHousesPage />, tile: { labelKey: 'rental', icon: null } }];
}
