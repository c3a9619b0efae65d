import { FlagOutlined, TeamOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { FlagsPage } from './pages/FlagsPage';
import { PartiesPage } from './pages/PartiesPage';
import { LettersPage } from './portal/LettersPage';

export { HouseHousingPanel } from './components/HouseHousingPanel';

export function housingConsoleRoutes(me: MeView): ConsoleRoute[] {
  const manage = me.permissions.includes('housing.manage');
  return [
    { path: '/housing/parties', element: <PartiesPage canManage={manage} />, permission: 'housing.read', menu: { labelKey: 'housing:menu.parties', icon: <TeamOutlined />, order: 43 } },
    { path: '/housing/flags', element: <FlagsPage />, permission: 'housing.read', menu: { labelKey: 'housing:menu.flags', icon: <FlagOutlined />, order: 44 } },
  ];
}

export function housingPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'rental/letters', element: <LettersPage /> }];
}
