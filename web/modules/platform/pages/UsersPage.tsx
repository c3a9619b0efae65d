import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserInput, type UserView } from '@shared/admin/admin.schema';
import type { MeView } from '@shared/auth/auth.schema';
import { DEPARTMENTS } from '@shared/permissions';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { zodRule } from '../../../lib/form';
import { useCreateUser, useRoles, useUpdateUser, useUsers } from '../api';

export function UsersPage({ me }: { me: MeView }) {
  const { message } = App.useApp();
  const { t } = useTranslation(['admin', 'common', 'auth']);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const users = useUsers({ page, q });
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [form] = Form.useForm<UserInput>();
  const staffRoles = (roles.data?.items ?? []).filter((role) => role.kind === 'staff');
  const roleOptions = (
    staffRoles.length
      ? staffRoles.map((role) => role.code)
      : ['district_officer', 'street_officer', 'community_officer', 'grid_worker', 'dept_reviewer']
  ).map((code) => ({ value: code, label: t(`common:roles.${code}`) }));

  const act = (user: UserView, change: Parameters<typeof update.mutate>[0]) =>
    update.mutate(change, { onSuccess: () => void message.success(`${user.username ?? user.displayName} ✓`) });

  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('users.filter')}
            onSearch={(value) => {
              setPage(1);
              setQ(value || undefined);
            }}
            style={{ width: 220 }}
          />
          <Button type="primary" onClick={() => setOpen(true)} data-testid="new-user">
            {t('users.new')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={users.error ?? update.error} />
      <Table
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: users.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common:total', { count: total }),
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (list: string[]) => list.map((role) => <Tag key={role}>{t(`common:roles.${role}`)}</Tag>),
          },
          { title: t('users.division'), dataIndex: 'divisionName' },
          {
            title: t('users.department'),
            dataIndex: 'department',
            render: (value: string | null) => (value ? t(`common:departments.${value}`) : ''),
          },
          {
            title: t('users.status'),
            render: (_, user: UserView) => (
              <Space>
                <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(`users.${user.status}`)}</Tag>
                {user.locked && <Tag color="red">{t('users.locked')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common:actions'),
            render: (_, user: UserView) => (
              <Space>
                {user.id !== me.id &&
                  (user.status === 'active' ? (
                    <a onClick={() => act(user, { id: user.id, status: 'disabled' })}>{t('users.disable')}</a>
                  ) : (
                    <a onClick={() => act(user, { id: user.id, status: 'active' })}>{t('users.enable')}</a>
                  ))}
                {user.locked && <a onClick={() => act(user, { id: user.id, unlock: true })}>{t('users.unlock')}</a>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        width={560}
        title={t('users.new')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then((values) =>
            create.mutate(values, {
              onSuccess: () => {
                void message.success(t('users.created'));
                setOpen(false);
                form.resetFields();
              },
            }),
          )
        }
      >
        <ErrorAlert error={create.error} />
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, message: t('errors:validation.required') }, zodRule(UserInput.shape.username)]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, message: t('errors:validation.required') }, zodRule(UserInput.shape.displayName)]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('auth:password.rules')}
            rules={[{ required: true, message: t('errors:validation.required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="roles"
            label={t('users.roles')}
            rules={[{ required: true, message: t('errors:validation.required') }]}
          >
            <Select mode="multiple" options={roleOptions} />
          </Form.Item>
          <Form.Item
            name="divisionCode"
            label={t('users.division')}
            rules={[{ required: true, message: t('errors:validation.required') }]}
          >
            <DivisionPicker root={{ code: me.division?.code ?? '', name: me.division?.name ?? '' }} />
          </Form.Item>
          <Form.Item name="department" label={t('users.department')}>
            <Select
              allowClear
              options={DEPARTMENTS.map((code) => ({ value: code, label: t(`common:departments.${code}`) }))}
            />
          </Form.Item>
          <Form.Item name="phone" label={t('users.phone')} rules={[zodRule(UserInput.shape.phone)]}>
            <Input maxLength={11} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
