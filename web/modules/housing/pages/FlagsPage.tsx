import { Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FlagView } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFlags } from '../api';

/** Houses flagged in the jurisdiction by the overcrowding and group-rental rules or a blacklisted manager. */
export function FlagsPage() {
  const { t } = useTranslation('housing');
  const [open, setOpen] = useState(true);
  const [page, setPage] = useState(1);
  const list = useFlags({ open: open ? 'true' : 'false', page, pageSize: 20 });
  return (
    <Card title={t('flags.title')} extra={<Space><Switch checked={open} onChange={(v) => { setOpen(v); setPage(1); }} aria-label={t('flags.openOnly')} />{t('flags.openOnly')}</Space>}>
      <Typography.Paragraph type="secondary">{t('flags.hint')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<FlagView>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('flags.flaggedOn'), dataIndex: 'flaggedOn', width: 120 },
          { title: '', key: 'kind', width: 150, render: (_, f) => <Tag color={f.kind === 'blacklisted_manager' ? 'red' : 'orange'}>{t(`flag.${f.kind}`)}</Tag> },
          { title: t('house.title'), key: 'address', render: (_, f) => <Link to={`/registry/houses/${f.houseId}`}>{f.address}</Link> },
          { title: t('flags.detail'), dataIndex: 'detail' },
          { title: '', key: 'cleared', width: 140, render: (_, f) => (f.clearedOn ? `${t('flags.cleared')} ${f.clearedOn}` : '') },
        ]}
      />
    </Card>
  );
}
