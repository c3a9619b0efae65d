import { useState } from 'react';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { can, useLogout } from '../../lib/auth';
import type { ConsoleRoute } from '../routes';

export function ConsoleLayout({ me, routes }: { me: MeView; routes: ConsoleRoute[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const items = routes
    .filter((route) => route.menu && can(me, route.permission))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((route) => ({ key: route.path, icon: route.menu!.icon, label: t(route.menu!.labelKey) }));
  const selected = items
    .filter((item) => (item.key === '/' ? location.pathname === '/' : location.pathname.startsWith(item.key)))
    .map((item) => item.key);
  const [collapsed, setCollapsed] = useState(false);
  const jurisdiction = me.division ? me.division.path.join(' / ') : '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={220}
        theme="dark"
        collapsed={collapsed}
        onCollapse={setCollapsed}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <div style={{ color: '#fff', padding: '18px 20px', fontSize: 18, fontWeight: 600 }}>{t('consoleTitle')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          items={items}
          onClick={(item) => {
            void navigate(item.key);
            // On a phone the menu covers the page: close it once a page is chosen.
            if (window.innerWidth < 992) setCollapsed(true);
          }}
          data-testid="console-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            // Room for the menu button when the menu is folded away (narrow screens).
            padding: collapsed ? '0 20px 0 60px' : '0 20px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
          }}
        >
          <Typography.Text type="secondary" ellipsis data-testid="jurisdiction">
            {t('jurisdictionOf', { name: jurisdiction })}
            {me.department ? ` · ${t(`departments.${me.department}`)}` : ''}
          </Typography.Text>
          <Space>
            <LanguageSwitch size="small" />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'account',
                    icon: <UserOutlined />,
                    label: t('menu.account'),
                    onClick: () => void navigate('/account'),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('logout'),
                    onClick: () => logout.mutate(undefined, { onSettled: () => void navigate('/login') }),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 20 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
