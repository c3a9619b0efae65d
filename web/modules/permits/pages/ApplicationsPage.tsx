import { Button, Card, Col, Input, Row, Segmented, Space, Statistic, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APPLICATION_STATUSES, type ApplicationListItem } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Stacked } from '../../../components/Stacked';
import { useApplications, usePermitStats } from '../api';
import { ApplicationStatusTag, DueTag } from '../components/tags';

type Filter = (typeof APPLICATION_STATUSES)[number] | 'all';

/** The work queue of permit applications in the caller's jurisdiction, the nearest issue deadline first. */
export function ApplicationsPage({ canTake }: { canTake: boolean }) {
  const { t } = useTranslation(['permits', 'common']);
  const [status, setStatus] = useState<Filter>('submitted');
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useApplications({ page, pageSize: 20, ...(status === 'all' ? {} : { status }), ...(overdue ? { overdue: 'true' as const } : {}), ...(q ? { q } : {}) });
  const stats = usePermitStats();
  const s = stats.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {s && ([
          ['submitted', s.applications.submitted], ['accepted', s.applications.accepted], ['returned', s.applications.returned], ['overdue', s.applications.overdue],
          ['valid', s.permits.valid], ['suspended', s.permits.suspended], ['dueForEndorsement', s.permits.dueForEndorsement],
          ['issued', s.thisYear.issued], ['endorsed', s.thisYear.endorsed],
        ] as const).map(([key, value]) => (
          <Col key={key} xs={12} md={6} xl={{ flex: '1 1 0' }}>
            <Card size="small"><Statistic title={t(`queue.stats.${key}`)} value={value} valueStyle={key === 'overdue' && value > 0 ? { color: '#cf1322' } : undefined} /></Card>
          </Col>
        ))}
      </Row>
      <Card title={t('queue.title')} extra={canTake && <Link to="/permits/new"><Button type="primary">{t('menu.newApplication')}</Button></Link>}>
        <Typography.Paragraph type="secondary">{t('queue.hint')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<Filter>
            value={status}
            onChange={(value) => { setStatus(value); setPage(1); }}
            options={[...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), { value: 'all' as const, label: t('queue.all') }]}
          />
          <Space><Switch checked={overdue} onChange={(v) => { setOverdue(v); if (v) setStatus('accepted'); setPage(1); }} data-testid="overdue-only" />{t('queue.overdueOnly')}</Space>
          <Input.Search allowClear placeholder={t('queue.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 260 }} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<ApplicationListItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common:total', { count: total }) }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('fields.number'), key: 'number', width: 150, render: (_, a) => <Stacked note={t(`channel.${a.channel}`)}><Link to={`/permits/applications/${a.id}`}>{a.number}</Link></Stacked> },
            { title: t('fields.name'), key: 'name', render: (_, a) => <Stacked note={a.idNumber}>{a.name}</Stacked> },
            { title: t('fields.address'), key: 'address', render: (_, a) => <Stacked note={a.divisionPath.slice(1).join(' / ')}>{a.address}</Stacked> },
            { title: t('fields.basis'), key: 'basis', width: 130, render: (_, a) => <Stacked note={a.basisDetail}>{t(`basis.${a.basis}`)}</Stacked> },
            { title: t('fields.submittedOn'), dataIndex: 'submittedOn', width: 110 },
            { title: t('fields.status'), key: 'status', width: 110, render: (_, a) => <ApplicationStatusTag status={a.status} /> },
            { title: t('fields.dueOn'), key: 'due', width: 130, render: (_, a) => <Stacked note={a.dueOn}><DueTag item={a} /></Stacked> },
          ]}
        />
      </Card>
    </Space>
  );
}
