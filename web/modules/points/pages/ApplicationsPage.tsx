import { Card, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PointsApplicationSummary } from '@shared/points/application.schema';
import { POINTS_APPLICATION_STATUSES } from '@shared/points/application.workflow';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApplications, useRounds } from '../api';
import { ApplicationStatusTag, Countdown } from '../components/tags';

/** Points applications in the jurisdiction: open ones by review deadline, with each department's progress. */
export function ApplicationsPage() {
  const { t } = useTranslation('points');
  const [params, setParams] = useSearchParams();
  const query = {
    roundId: params.get('roundId') ?? undefined, status: (params.get('status') ?? undefined) as PointsApplicationSummary['status'] | undefined,
    overdue: params.get('overdue') === 'true' ? 'true' as const : undefined, q: params.get('q') ?? undefined, page: Number(params.get('page') ?? 1), pageSize: 20,
  };
  const list = useApplications(query);
  const rounds = useRounds();
  const set = (key: string, value: string | undefined) => setParams((p) => { const next = new URLSearchParams(p); if (value) next.set(key, value); else next.delete(key); next.delete('page'); return next; });
  return (
    <Card title={t('applications.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('applications.round')} style={{ width: 220 }} value={query.roundId} onChange={(v) => set('roundId', v)} options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} aria-label={t('applications.round')} />
        <Select allowClear placeholder={t('applications.status')} style={{ width: 160 }} value={query.status} onChange={(v) => set('status', v)} options={POINTS_APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))} aria-label={t('applications.status')} />
        <Input.Search allowClear placeholder={t('applications.search')} defaultValue={query.q} onSearch={(v) => set('q', v || undefined)} style={{ width: 240 }} />
        <Space><Switch checked={query.overdue === 'true'} onChange={(v) => set('overdue', v ? 'true' : undefined)} aria-label={t('applications.overdueOnly')} /><Typography.Text>{t('applications.overdueOnly')}</Typography.Text></Space>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<PointsApplicationSummary>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []}
        pagination={{ current: query.page, pageSize: 20, total: list.data?.total ?? 0, onChange: (page) => setParams((p) => { const next = new URLSearchParams(p); next.set('page', String(page)); return next; }) }}
        columns={[
          { title: t('applications.number'), key: 'number', width: 150, render: (_, a) => <Link to={`/points/applications/${a.id}`} data-testid={`application-${a.number}`}>{a.number}</Link> },
          { title: t('applications.name'), key: 'name', render: (_, a) => <Space direction="vertical" size={0}><span>{a.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.idNumber}</Typography.Text></Space> },
          { title: t('applications.round'), dataIndex: 'roundName', width: 170 },
          { title: t('applications.status'), key: 'status', width: 120, render: (_, a) => <ApplicationStatusTag status={a.status} /> },
          { title: t('applications.total'), dataIndex: 'total', width: 80, align: 'right' },
          { title: t('applications.ranking'), dataIndex: 'rankingScore', width: 80, align: 'right' },
          { title: t('applications.tasks'), key: 'tasks', width: 90, render: (_, a) => `${a.tasks.done}/${a.tasks.total}` },
          { title: t('applications.due'), key: 'due', width: 180, render: (_, a) => <Space size={4}><span>{a.dueOn}</span><Countdown daysLeft={a.daysLeft} overdue={a.overdue} done={a.status !== 'in_review'} /></Space> },
        ]}
      />
    </Card>
  );
}
