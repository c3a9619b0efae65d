import { Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PERMIT_STATUSES, type PermitPage } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Stacked } from '../../../components/Stacked';
import { usePermits } from '../api';
import { PermitStatusTag } from '../components/tags';

type Filter = (typeof PERMIT_STATUSES)[number] | 'all';
type Row = PermitPage['items'][number];

/** The permits of the jurisdiction, the nearest endorsement deadline first. */
export function PermitsPage() {
  const { t } = useTranslation(['permits', 'common']);
  const [status, setStatus] = useState<Filter>('valid');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = usePermits({ page, pageSize: 20, ...(status === 'all' ? {} : { status }), ...(q ? { q } : {}) });
  return (
    <Card title={t('permit.list')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Filter> value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={[...PERMIT_STATUSES.map((s) => ({ value: s, label: t(`permitStatus.${s}`) })), { value: 'all' as const, label: t('queue.all') }]} />
        <Input.Search allowClear placeholder={t('permit.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 260 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common:total', { count: total }) }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('fields.permitNumber'), key: 'number', render: (_, p) => <Link to={`/permits/permits/${p.id}`}>{p.number}</Link> },
          { title: t('fields.name'), key: 'name', render: (_, p) => <Stacked note={p.idNumber}>{p.name}</Stacked> },
          { title: t('fields.address'), dataIndex: 'address' },
          { title: t('fields.validUntil'), key: 'until', width: 170, render: (_, p) => <Stacked note={p.endorsable ? t(`endorsable.${p.endorsable}`) : undefined}>{p.validUntil}</Stacked> },
          { title: t('fields.status'), key: 'status', width: 110, render: (_, p) => <Space size={4}><PermitStatusTag status={p.status} />{p.endorsable === 'on_time' && <Tag color="blue">{t('actions.endorse')}</Tag>}</Space> },
        ]}
      />
    </Card>
  );
}
