import { Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectionStatsView } from '@shared/inspections/inspection.schema';
import { Chart, type ChartOption } from '../../../components/Chart';
import { useDivisionDrill } from '../../../components/DivisionDrill';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { percent } from '../../../lib/percent';
import { useInspectionStats } from '../api';

type Row = InspectionStatsView['rows'][number];

/** Statistics per jurisdiction: coverage, grades, hazards found and closed, days to close; a row opens the divisions below it. */
export function InspectionStatsPage() {
  const { t } = useTranslation(['inspections', 'common']);
  const { division, breadcrumb, onRow } = useDivisionDrill('stats-row');
  const [range, setRange] = useState<[string, string] | null>(null);
  const stats = useInspectionStats({ division, from: range?.[0], to: range?.[1] });
  const data = stats.data;
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center', data: [t('stats.found'), t('stats.closed')] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: (data?.months ?? []).map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('stats.found'), type: 'bar', data: (data?.months ?? []).map((m) => m.found), itemStyle: { color: '#fa8c16' } },
      { name: t('stats.closed'), type: 'bar', data: (data?.months ?? []).map((m) => m.closed), itemStyle: { color: '#52c41a' } },
    ],
  }), [data, t]);
  const total = data?.total;

  return (
    <Card
      title={t('stats.title')}
      extra={(
        <DatePicker.RangePicker
          picker="month" allowClear aria-label={t('stats.months')}
          value={range ? [dayjs(`${range[0]}-01`), dayjs(`${range[1]}-01`)] : data ? [dayjs(`${data.from}-01`), dayjs(`${data.to}-01`)] : null}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0].format('YYYY-MM'), v[1].format('YYYY-MM')] : null)}
        />
      )}
    >
      <Typography.Paragraph type="secondary">{t('stats.hint', { asOf: data?.asOf ?? '—' })}</Typography.Paragraph>
      {breadcrumb(data?.division.name, t('stats.mine'))}
      <ErrorAlert error={stats.error} />
      {total && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Statistic title={t('stats.houses')} value={total.houses} /></Col>
          <Col xs={12} md={6}><Statistic title={t('stats.coverage')} value={percent(total.covered, total.houses)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('stats.foundClosed')} value={`${total.found} / ${total.closed}`} /></Col>
          <Col xs={12} md={6}><Statistic title={t('stats.avgCloseDays')} value={total.avgCloseDays ?? '—'} suffix={total.avgCloseDays === null ? undefined : t('stats.days')} /></Col>
        </Row>
      )}
      <Chart option={option} height={240} label={t('stats.chart')} />
      <Table<Row>
        rowKey="code" size="small" loading={stats.isLoading} dataSource={data?.rows ?? []} pagination={false} scroll={{ x: 1280 }} style={{ marginTop: 16 }}
        onRow={onRow(data?.division.code)}
        summary={() => total && (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
            {cells(total).map((c, i) => <Table.Summary.Cell key={i} index={i + 1} align="right">{c}</Table.Summary.Cell>)}
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('stats.division'), dataIndex: 'name', fixed: 'left', width: 160 },
          ...HEADINGS.map((key, i) => ({ title: t(`stats.${key}`), key, align: 'right' as const, width: 92, render: (_: unknown, r: Row) => cells(r)[i] })),
        ]}
      />
      <Space style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('stats.drill')}</Typography.Text></Space>
    </Card>
  );
}

const HEADINGS = ['houses', 'coverage', 'overdueInspections', 'high', 'medium', 'low', 'ungraded', 'found', 'closed', 'avgCloseDays', 'open', 'referred'] as const;
function cells(r: InspectionStatsView['total']): (string | number)[] {
  return [r.houses, percent(r.covered, r.houses), r.overdue, r.high, r.medium, r.low, r.ungraded, r.found, r.closed, r.avgCloseDays ?? '—', r.open, r.referred];
}
