import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLogout } from '../../lib/auth';

export function PortalLayout({ me }: { me: MeView | null }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f3f6fa' }}>
      <Layout.Header
        style={{
          background: '#0f5fa8',
          padding: '0 16px',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Link to="/portal" style={{ color: '#fff', fontSize: 17, fontWeight: 600 }}>{t('portalTitle')}</Link>
        <Space>
          <LanguageSwitch size="small" />
          {me && (
            <Button
              type="text"
              aria-label={t('logout')}
              icon={<LogoutOutlined style={{ color: '#fff' }} />}
              onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/portal/login') })}
            />
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 640, width: '100%', margin: '0 auto' }} data-user={me?.id}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
