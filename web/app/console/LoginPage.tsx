import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoginInput, MeView } from '@shared/auth/auth.schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { api } from '../../lib/api';
import { useSignedIn } from '../../lib/auth';

export function LoginPage() {
  const { t } = useTranslation(['auth', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  const login = useMutation({
    mutationFn: (input: LoginInput) => api.post('/api/auth/login', input, MeView),
    onSuccess: (me) => {
      signedIn(me);
      const next = params.get('next');
      void navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
    },
  });

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(135deg, #0f5fa8 0%, #3aa0e0 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('common:appName')}
            </Typography.Title>
            <LanguageSwitch size="small" />
          </div>
          <Typography.Text type="secondary">
            {t('common:appTagline')} · {t('login.title')}
          </Typography.Text>
          <ErrorAlert error={login.error} />
          <Form layout="vertical" onFinish={(values: LoginInput) => login.mutate(values)} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('errors:validation.required') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('errors:validation.required') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.demoHint')}
          </Typography.Text>
          <Link to="/portal/login">{t('login.residentLink')}</Link>
        </Space>
      </Card>
    </div>
  );
}
