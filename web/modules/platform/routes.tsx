import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ControlOutlined,
  HomeOutlined,
  MessageOutlined,
  SafetyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute } from '../../app/routes';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { CalendarPage } from './pages/CalendarPage';
import { DivisionsPage } from './pages/DivisionsPage';
import { HomePage } from './pages/HomePage';
import { OutboxPage } from './pages/OutboxPage';
import { RolesPage } from './pages/RolesPage';
import { SettingsPage } from './pages/SettingsPage';
import { UsersPage } from './pages/UsersPage';

export function platformConsoleRoutes(me: MeView): ConsoleRoute[] {
  return [
    { path: '/', element: <HomePage me={me} />, menu: { labelKey: 'menu.home', icon: <HomeOutlined />, order: 0 } },
    {
      path: '/divisions',
      element: <DivisionsPage me={me} />,
      permission: 'divisions.read',
      menu: { labelKey: 'menu.divisions', icon: <ApartmentOutlined />, order: 80 },
    },
    {
      path: '/admin/users',
      element: <UsersPage me={me} />,
      permission: 'admin.users',
      menu: { labelKey: 'menu.users', icon: <TeamOutlined />, order: 90 },
    },
    {
      path: '/admin/roles',
      element: <RolesPage />,
      permission: 'admin.roles',
      menu: { labelKey: 'menu.roles', icon: <SafetyOutlined />, order: 91 },
    },
    {
      path: '/audit',
      element: <AuditPage />,
      permission: 'audit.read',
      menu: { labelKey: 'menu.audit', icon: <AuditOutlined />, order: 95 },
    },
    {
      path: '/calendar',
      element: <CalendarPage me={me} />,
      menu: { labelKey: 'menu.calendar', icon: <CalendarOutlined />, order: 85 },
    },
    {
      path: '/settings',
      element: <SettingsPage me={me} />,
      menu: { labelKey: 'menu.settings', icon: <ControlOutlined />, order: 86 },
    },
    {
      path: '/outbox',
      element: <OutboxPage />,
      permission: 'notify.outbox',
      menu: { labelKey: 'menu.outbox', icon: <MessageOutlined />, order: 96 },
    },
    { path: '/account', element: <AccountPage me={me} /> },
  ];
}
