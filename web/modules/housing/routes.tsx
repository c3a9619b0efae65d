import { AccountBookOutlined, FileProtectOutlined, FlagOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute, PortalRoute } from '../../app/routes';
import { DoorsPage } from './pages/DoorsPage';
import { FlagsPage } from './pages/FlagsPage';
import { LetterPage } from './pages/LetterPage';
import { PartiesPage } from './pages/PartiesPage';
import { TaxPage } from './pages/TaxPage';
import { LettersPage } from './portal/LettersPage';

export { HouseHousingPanel } from './components/HouseHousingPanel';
export { HouseTaxPanel } from './components/HouseTaxPanel';

export function housingConsoleRoutes(me: MeView): ConsoleRoute[] {
  const manage = me.permissions.includes('housing.manage');
  return [
    { path: '/housing/parties', element: <PartiesPage canManage={manage} />, permission: 'housing.read', menu: { labelKey: 'housing:menu.parties', icon: <TeamOutlined />, order: 43 } },
    { path: '/housing/flags', element: <FlagsPage />, permission: 'housing.read', menu: { labelKey: 'housing:menu.flags', icon: <FlagOutlined />, order: 44 } },
    { path: '/housing/tax', element: <TaxPage me={me} canManage={manage} />, permission: 'housing.read', menu: { labelKey: 'housing:menu.tax', icon: <AccountBookOutlined />, order: 45 } },
    { path: '/housing/letter', element: <LetterPage canPublish={manage && (me.division?.code.length ?? 99) <= 4} />, permission: 'housing.read', menu: { labelKey: 'housing:menu.letter', icon: <FileProtectOutlined />, order: 45.5 } },
    { path: '/housing/doors', element: <DoorsPage canManage={manage} />, permission: 'housing.read', menu: { labelKey: 'housing:menu.doors', icon: <KeyOutlined />, order: 46 } },
  ];
}

export function housingPortalRoutes(_me: MeView): PortalRoute[] {
  return [{ path: 'rental/letters', element: <LettersPage /> }];
}
