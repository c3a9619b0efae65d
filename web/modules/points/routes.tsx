import { AuditOutlined, BarChartOutlined, CalendarOutlined, FileSearchOutlined, FileTextOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { ApplicationPage } from './pages/ApplicationPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { PackPage } from './pages/PackPage';
import { PacksPage } from './pages/PacksPage';
import { RoundPage } from './pages/RoundPage';
import { RoundsPage } from './pages/RoundsPage';
import { StatsPage } from './pages/StatsPage';
import { TasksPage } from './pages/TasksPage';
import { ApplyPage } from './portal/ApplyPage';
import { CalculatorPage } from './portal/CalculatorPage';
import { MyApplicationPage } from './portal/MyApplicationPage';
import { MyPointsPage } from './portal/MyPointsPage';

export { CalculatorPage } from './portal/CalculatorPage';
export { PublicationPage } from './portal/PublicationPage';
export { PersonPointsPanel } from './components/PersonPointsPanel';

export function pointsConsoleRoutes(me: MeView): ConsoleRoute[] {
  const manage = me.permissions.includes('points.manage') && (me.division?.code.length ?? 99) <= 4;
  return [
    { path: '/points/applications', element: <ApplicationsPage />, permission: 'points.read', menu: { labelKey: 'points:menu.applications', icon: <FileTextOutlined />, order: 30 } },
    { path: '/points/applications/:id', element: <ApplicationPage />, permission: 'points.read' },
    { path: '/points/tasks', element: <TasksPage supervisor={me.permissions.includes('points.manage')} department={me.department ?? null} />, permission: 'points.review', menu: { labelKey: 'points:menu.tasks', icon: <FileSearchOutlined />, order: 31 } },
    { path: '/points/rounds', element: <RoundsPage canManage={manage} />, permission: 'points.read', menu: { labelKey: 'points:menu.rounds', icon: <CalendarOutlined />, order: 32 } },
    { path: '/points/rounds/:id', element: <RoundPage canManage={manage} />, permission: 'points.read' },
    { path: '/points/packs', element: <PacksPage />, permission: 'points.read', menu: { labelKey: 'points:menu.packs', icon: <AuditOutlined />, order: 33 } },
    { path: '/points/packs/:id', element: <PackPage />, permission: 'points.read' },
    { path: '/points/stats', element: <StatsPage />, permission: 'points.read', menu: { labelKey: 'points:menu.stats', icon: <BarChartOutlined />, order: 34 } },
  ];
}

export function pointsPortalRoutes(_me: MeView): PortalRoute[] {
  return [
    { path: 'points', element: <MyPointsPage />, tile: { labelKey: 'points', icon: null } },
    { path: 'points/calculator', element: <CalculatorPage /> },
    { path: 'points/apply/:roundId', element: <ApplyPage /> },
    { path: 'points/applications/:id', element: <MyApplicationPage /> },
  ];
}
