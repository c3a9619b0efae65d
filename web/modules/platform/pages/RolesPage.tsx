import { Button, Card, Checkbox, Table, Tag, Typography, App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRoles, useSaveRole } from '../api';

export function RolesPage() {
  const { message } = App.useApp();
  const { t } = useTranslation(['admin', 'common']);
  const roles = useRoles();
  const save = useSaveRole();
  const [draft, setDraft] = useState<Record<string, string[]>>({});

  useEffect(() => {
    if (roles.data) setDraft(Object.fromEntries(roles.data.items.map((role) => [role.code, role.permissions])));
  }, [roles.data]);

  return (
    <Card title={t('roles.title')}>
      <Typography.Paragraph type="secondary">{t('roles.hint')}</Typography.Paragraph>
      <ErrorAlert error={roles.error ?? save.error} />
      <Table
        rowKey="code"
        loading={roles.isLoading}
        pagination={false}
        dataSource={roles.data?.items ?? []}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('roles.role'),
            dataIndex: 'code',
            width: 200,
            render: (code: string) => <b>{t(`common:roles.${code}`)}</b>,
          },
          {
            title: t('roles.level'),
            dataIndex: 'level',
            width: 110,
            render: (level: string) => <Tag>{t(`common:levels.${level}`)}</Tag>,
          },
          {
            title: t('roles.permissions'),
            render: (_, role) => (
              <Checkbox.Group
                value={draft[role.code] ?? []}
                onChange={(values) => setDraft({ ...draft, [role.code]: values })}
                options={(roles.data?.permissions ?? []).map((permission) => ({
                  value: permission,
                  label: t(`common:permissions.${permission}`),
                }))}
              />
            ),
          },
          {
            title: t('common:actions'),
            width: 100,
            render: (_, role) => (
              <Button
                size="small"
                disabled={JSON.stringify([...(draft[role.code] ?? [])].sort()) === JSON.stringify(role.permissions)}
                loading={save.isPending && save.variables?.code === role.code}
                onClick={() =>
                  save.mutate(
                    { code: role.code, permissions: draft[role.code] ?? [] },
                    {
                      onSuccess: () => void message.success(t('roles.saved', { role: t(`common:roles.${role.code}`) })),
                    },
                  )
                }
              >
                {t('common:save')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
