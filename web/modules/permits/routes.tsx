import { DesktopOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { ApplicationPage } from './pages/ApplicationPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { CounterPage } from './pages/CounterPage';
import { KiosksPage } from './pages/KiosksPage';
import { PermitPage } from './pages/PermitPage';
import { PermitsPage } from './pages/PermitsPage';
import { ApplyPage } from './portal/ApplyPage';
import { MyPermitPage } from './portal/MyPermitPage';

export { PersonPermitsPanel } from './components/PersonPermitsPanel';
export { VerifyPage } from './portal/VerifyPage';

export function permitsConsoleRoutes(me: MeView): ConsoleRoute[] {
  return [
    {
      path: '/permits/applications',
      element: <ApplicationsPage canTake={me.permissions.includes('permits.counter')} />,
      permission: 'permits.read',
      menu: { labelKey: 'permits:menu.applications', icon: <SolutionOutlined />, order: 20 },
    },
    { path: '/permits/applications/:id', element: <ApplicationPage />, permission: 'permits.read' },
    { path: '/permits/new', element: <CounterPage />, permission: 'permits.counter' },
    {
      path: '/permits/permits',
      element: <PermitsPage />,
      permission: 'permits.read',
      menu: { labelKey: 'permits:menu.permits', icon: <SafetyCertificateOutlined />, order: 21 },
    },
    { path: '/permits/permits/:id', element: <PermitPage canRequest={me.permissions.includes('permits.counter')} />, permission: 'permits.read' },
    {
      path: '/permits/kiosks',
      element: <KiosksPage division={me.division?.code ?? ''} />,
      permission: 'permits.manage',
      menu: { labelKey: 'permits:menu.kiosks', icon: <DesktopOutlined />, order: 22 },
    },
  ];
}

export function permitsPortalRoutes(_me: MeView): PortalRoute[] {
  return [
    { path: 'permit', element: <MyPermitPage />, tile: { labelKey: 'permit', icon: null } },
    { path: 'permit/apply', element: <ApplyPage /> },
  ];
}
