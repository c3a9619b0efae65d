import { Badge, Calendar, Card, Col, Grid, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InspectionSummary } from '@shared/inspections/inspection.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCalendar, useInspections } from '../api';

const STATUS_COLOR = { planned: 'processing', done: 'success', cancelled: 'default' } as const;

/** The inspection calendar of the jurisdiction: per day, inspections planned (overdue in red), done and cancelled; a day opens its list. */
export function InspectionCalendarPage() {
  const { t } = useTranslation(['inspections', 'common']);
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [page, setPage] = useState(1);
  // On a phone a day's cell is narrow: the counts alone, coloured.
  const compact = !Grid.useBreakpoint().sm;
  const month = day.format('YYYY-MM');
  const calendar = useCalendar(month);
  const list = useInspections({ on: day.format('YYYY-MM-DD'), page, pageSize: 20 });
  const byDate = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.date, d])), [calendar.data]);
  const totals = useMemo(() => (calendar.data?.days ?? []).reduce((a, d) => ({ planned: a.planned + d.planned, overdue: a.overdue + d.overdue, done: a.done + d.done }), { planned: 0, overdue: 0, done: 0 }), [calendar.data]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card title={t('calendar.title')} extra={<Space size={4} wrap><Tag color="processing">{t('calendar.planned')} {totals.planned}</Tag><Tag color="error">{t('calendar.overdue')} {totals.overdue}</Tag><Tag color="success">{t('calendar.done')} {totals.done}</Tag></Space>}>
          <Typography.Paragraph type="secondary">{t('calendar.hint')}</Typography.Paragraph>
          <ErrorAlert error={calendar.error} />
          <Calendar
            value={day}
            onSelect={(date) => { setDay(date); setPage(1); }}
            onPanelChange={(date) => { setDay(date); setPage(1); }}
            cellRender={(date, info) => {
              if (info.type !== 'date') return info.originNode;
              const d = byDate.get(date.format('YYYY-MM-DD'));
              if (!d || d.planned + d.done + d.cancelled === 0) return null;
              if (compact) {
                return (
                  <div data-testid={`day-${d.date}`} style={{ fontSize: 11, lineHeight: '14px', fontWeight: 600 }} title={t('calendar.plannedCount', { count: d.planned })}>
                    {d.planned > 0 && <div style={{ color: d.overdue > 0 ? '#cf1322' : '#1677ff' }}>{d.planned}</div>}
                    {d.done > 0 && <div style={{ color: '#389e0d' }}>{d.done}</div>}
                    {d.cancelled > 0 && <div style={{ color: '#8c8c8c' }}>{d.cancelled}</div>}
                  </div>
                );
              }
              return (
                <div data-testid={`day-${d.date}`} style={{ fontSize: 12, lineHeight: '18px' }}>
                  {d.planned > 0 && <div><Badge status={d.overdue > 0 ? 'error' : 'processing'} text={t('calendar.plannedCount', { count: d.planned })} /></div>}
                  {d.overdue > 0 && <div><Badge status="error" text={t('calendar.overdueCount', { count: d.overdue })} /></div>}
                  {d.done > 0 && <div><Badge status="success" text={t('calendar.doneCount', { count: d.done })} /></div>}
                  {d.cancelled > 0 && <div><Badge status="default" text={t('calendar.cancelledCount', { count: d.cancelled })} /></div>}
                </div>
              );
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t('calendar.day', { date: day.format('YYYY-MM-DD') })} data-testid="calendar-day">
          <ErrorAlert error={list.error} />
          <Table<InspectionSummary>
            rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('calendar.none') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('hazard.address'), key: 'address', render: (_, i) => <Link to={`/inspections/inspections/${i.id}`}>{i.address}</Link> },
              ...(compact ? [] : [{ title: t('calendar.kind'), key: 'kind', width: 90, render: (_: unknown, i: InspectionSummary) => t(`kind.${i.kind}`) }]),
              {
                title: t('common:status'), key: 'status', width: 110,
                render: (_, i) => <Space direction="vertical" size={0}><Tag color={i.overdue ? 'error' : STATUS_COLOR[i.status]}>{i.overdue ? t('today.overdue') : t(`status.${i.status}`)}</Tag>{i.inspector && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.inspector}</Typography.Text>}</Space>,
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
