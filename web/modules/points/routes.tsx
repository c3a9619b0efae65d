import { AuditOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { PackPage } from './pages/PackPage';
import { PacksPage } from './pages/PacksPage';
import { CalculatorPage } from './portal/CalculatorPage';

export { CalculatorPage } from './portal/CalculatorPage';

export function pointsConsoleRoutes(_me: MeView): ConsoleRoute[] {
  return [
    { path: '/points/packs', element: <PacksPage />, permission: 'points.read', menu: { labelKey: 'points:menu.packs', icon: <AuditOutlined />, order: 30 } },
    { path: '/points/packs/:id', element: <PackPage />, permission: 'points.read' },
  ];
}

export function pointsPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'points/calculator', element: <CalculatorPage />, tile: { labelKey: 'points', icon: null } }];
}
