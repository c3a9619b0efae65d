import { Card, Col, Empty, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointsStats } from '@shared/points/application.schema';
import { POINTS_APPLICATION_STATUSES } from '@shared/points/application.workflow';
import { Chart, type ChartOption } from '../../../components/Chart';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePointsStats } from '../api';

type Department = PointsStats['departments'][number];

/** Statistics of the jurisdiction: a round's applications by status and its quota used; each department's review work against its deadline. */
export function StatsPage() {
  const { t } = useTranslation(['points', 'common']);
  const stats = usePointsStats();
  const rounds = stats.data?.rounds ?? [];
  const [chosen, setChosen] = useState<string>();
  const round = rounds.find((r) => r.id === chosen) ?? rounds.find((r) => r.status !== 'final') ?? rounds[0];
  const option = useMemo<ChartOption>(() => {
    const statuses = POINTS_APPLICATION_STATUSES.filter((s) => (round?.counts[s] ?? 0) > 0);
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: statuses.map((s) => t(`appStatus.${s}`)) },
      series: [{ type: 'bar', name: t('stats.applications'), data: statuses.map((s) => round?.counts[s] ?? 0), label: { show: true, position: 'right' }, itemStyle: { color: '#1677ff' } }],
    };
  }, [round, t]);
  const used = round && round.quota > 0 ? Math.min(100, Math.round((round.placesTaken / round.quota) * 1000) / 10) : 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('stats.title')} extra={rounds.length > 0 && (
        <Select aria-label={t('stats.round')} style={{ minWidth: 220 }} value={round?.id} onChange={setChosen} options={rounds.map((r) => ({ value: r.id, label: `${r.name}（${t(`round.status.${r.status}`)}）` }))} />
      )}>
        <Typography.Paragraph type="secondary">{t('stats.hint')}</Typography.Paragraph>
        <ErrorAlert error={stats.error} />
        {round ? (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Statistic title={t('stats.applications')} value={round.total} /></Col>
            <Col xs={12} md={6}><Statistic title={t('stats.overdue')} value={round.overdue} valueStyle={round.overdue > 0 ? { color: '#cf1322' } : undefined} /></Col>
            <Col xs={12} md={6}>
              <Statistic title={t('stats.quotaUsed')} value={round.placesTaken} suffix={`/ ${round.quota}`} />
              <Progress percent={used} size="small" aria-label={t('stats.quotaUsed')} />
            </Col>
            <Col xs={12} md={6}><Statistic title={t('stats.cards')} value={round.cardsIssued} /></Col>
            <Col span={24}>
              {round.total > 0 ? <Chart option={option} label={t('stats.byStatus')} height={Math.max(160, 36 * Object.keys(round.counts).length + 40)} /> : <Empty description={t('stats.none')} />}
            </Col>
          </Row>
        ) : !stats.isLoading && <Empty description={t('stats.noRounds')} />}
      </Card>
      <Card title={t('stats.departments')}>
        <Typography.Paragraph type="secondary">{t('stats.departmentsHint')}</Typography.Paragraph>
        <Table<Department>
          rowKey="department" size="middle" loading={stats.isLoading} dataSource={stats.data?.departments ?? []} pagination={false} scroll={{ x: 720 }}
          columns={[
            { title: t('stats.department'), key: 'department', render: (_, d) => t(`common:departments.${d.department}`) },
            { title: t('taskStatus.open'), dataIndex: 'open', width: 90 },
            { title: t('stats.overdueTasks'), dataIndex: 'overdue', width: 90, render: (n: number) => <Typography.Text type={n > 0 ? 'danger' : undefined}>{n}</Typography.Text> },
            { title: t('taskStatus.returned'), dataIndex: 'returned', width: 90 },
            { title: t('taskStatus.deferred'), dataIndex: 'deferred', width: 90 },
            { title: t('stats.doneOnTime'), dataIndex: 'doneOnTime', width: 100 },
            { title: t('stats.doneLate'), dataIndex: 'doneLate', width: 100 },
            { title: t('stats.onTimeRate'), key: 'rate', width: 160, render: (_, d) => d.onTimeRate === null ? '—' : <Progress percent={Math.round(d.onTimeRate * 1000) / 10} size="small" status={d.onTimeRate < 0.9 ? 'exception' : 'success'} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
