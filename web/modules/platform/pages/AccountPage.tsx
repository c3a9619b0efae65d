import { Button, Card, Descriptions, Form, Input, Tag, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLogout } from '../../../lib/auth';
import { useChangePassword } from '../api';

export function AccountPage({ me }: { me: MeView }) {
  const { message } = App.useApp();
  const { t } = useTranslation(['auth', 'common']);
  const change = useChangePassword();
  const logout = useLogout();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 760 }}>
      <Card title={t('account.title')}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('login.username')}>{me.username ?? me.phone}</Descriptions.Item>
          <Descriptions.Item label={t('admin:users.displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('account.roles')}>
            {me.roles.map((role) => (
              <Tag key={role}>{t(`common:roles.${role}`)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('common:jurisdiction')}>{me.division?.path.join(' / ') ?? '—'}</Descriptions.Item>
          {me.department && (
            <Descriptions.Item label={t('account.department')}>
              {t(`common:departments.${me.department}`)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('account.permissions')}>
            {me.permissions.map((permission) => (
              <Tag key={permission}>{t(`common:permissions.${permission}`)}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {me.kind === 'staff' && (
        <Card title={t('password.title')}>
          <ErrorAlert error={change.error} />
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 360 }}
            onFinish={(values) =>
              change.mutate(
                { currentPassword: values.currentPassword, newPassword: values.newPassword },
                {
                  onSuccess: () => {
                    void message.success(t('password.changed'));
                    logout.mutate(undefined, { onSettled: () => void navigate('/login') });
                  },
                },
              )
            }
          >
            <Form.Item
              name="currentPassword"
              label={t('password.current')}
              rules={[{ required: true, message: t('errors:validation.required') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('password.next')}
              extra={t('password.rules')}
              rules={[{ required: true, message: t('errors:validation.required') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('errors:validation.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    value === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('password.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              {t('common:save')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
