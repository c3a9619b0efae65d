import { App, Button, Card, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import type { SettingView } from '@shared/settings/settings';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSetSetting, useSettings } from '../api';

/** The policy settings: what the rules follow, the official default and its source; city administrators change them. */
export function SettingsPage({ me }: { me: MeView }) {
  const { message } = App.useApp();
  const { t } = useTranslation(['settings', 'common']);
  const settings = useSettings();
  const save = useSetSetting();
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const canEdit = me.permissions.includes('settings.manage') && (me.division?.code.length ?? 99) <= 4;

  const shown = (s: SettingView) => (s.kind === 'boolean' ? (s.value ? t('common:yes') : t('common:no')) : `${String(s.value)} ${t(`units.${s.unit ?? 'count'}`)}`);
  const submit = (key: string, value: number | boolean) =>
    save.mutate({ key, value }, { onSuccess: () => { void message.success(t('saved')); setDraft((d) => ({ ...d, [key]: null })); } });

  return (
    <Card title={t('title')}>
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      {!canEdit && <Typography.Paragraph type="secondary">{t('cityOnly')}</Typography.Paragraph>}
      <ErrorAlert error={settings.error ?? save.error} />
      <Table<SettingView>
        rowKey="key"
        loading={settings.isLoading}
        dataSource={settings.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('setting'),
            key: 'label',
            render: (_, s) => (
              <Space direction="vertical" size={0} data-testid={`setting-${s.key}`}>
                <Space><Typography.Text strong>{t(`keys.${s.key}.label`)}</Typography.Text><Tag>{t(`modules.${s.module}`)}</Tag></Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`keys.${s.key}.help`)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('value'),
            key: 'value',
            width: 260,
            render: (_, s) => {
              if (!canEdit) return <Typography.Text strong>{shown(s)}</Typography.Text>;
              if (s.kind === 'boolean') {
                return <Switch checked={Boolean(s.value)} loading={save.isPending && save.variables?.key === s.key} onChange={(checked) => submit(s.key, checked)} aria-label={t(`keys.${s.key}.label`)} />;
              }
              const value = draft[s.key] ?? (s.value as number);
              return (
                <Space>
                  <InputNumber min={s.min ?? undefined} max={s.max ?? undefined} precision={0} value={value} onChange={(v) => setDraft((d) => ({ ...d, [s.key]: v }))} aria-label={t(`keys.${s.key}.label`)} style={{ width: 80 }} />
                  <span>{t(`units.${s.unit ?? 'count'}`)}</span>
                  <Button size="small" type="primary" disabled={value === s.value || value === null} loading={save.isPending && save.variables?.key === s.key} onClick={() => submit(s.key, value)}>{t('common:save')}</Button>
                </Space>
              );
            },
          },
          { title: t('default'), key: 'default', width: 120, render: (_, s) => (s.kind === 'boolean' ? (s.default ? t('common:yes') : t('common:no')) : `${String(s.default)} ${t(`units.${s.unit ?? 'count'}`)}`) },
          { title: t('source'), dataIndex: 'source', width: 260, render: (source: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{source}</Typography.Text> },
          { title: t('updated'), key: 'updated', width: 180, render: (_, s) => (s.updatedAt ? `${dayjs(s.updatedAt).format('YYYY-MM-DD HH:mm')} ${s.updatedBy ?? ''}` : '—') },
        ]}
      />
    </Card>
  );
}
