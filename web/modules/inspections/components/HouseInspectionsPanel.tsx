import { Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLang } from '../../../lib/lang';
import { useHouseInspections } from '../api';
import { HazardStatusTag, RiskTag, Stars } from './tags';

/** On the house page: the grade and stars, what would raise them, the grade history, inspections and hazards. */
export function HouseInspectionsPanel({ houseId }: { houseId: string }) {
  const { t } = useTranslation(['inspections', 'common']);
  const lang = useLang();
  const view = useHouseInspections(houseId);
  if (view.error) return <ErrorAlert error={view.error} />;
  const v = view.data;
  return (
    <Card title={t('house.title')} loading={view.isLoading} data-testid="house-inspections">
      {v && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {v.grade ? (
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={t('house.stars')}><Stars stars={v.grade.stars} /></Descriptions.Item>
              <Descriptions.Item label={t('house.score')}>{v.grade.score}</Descriptions.Item>
              <Descriptions.Item label={t('house.risk')}><RiskTag risk={v.grade.risk} /></Descriptions.Item>
              <Descriptions.Item label={t('house.nextDue')}>{v.nextDueOn}</Descriptions.Item>
            </Descriptions>
          ) : <Typography.Text type="secondary">{t('house.ungraded')}{v.nextDueOn ? ` · ${t('house.nextDue')} ${v.nextDueOn}` : ''}</Typography.Text>}
          {v.grade && (
            <Space wrap>
              <Button size="small" href={`/api/inspections/houses/${houseId}/placard.svg`} target="_blank">{t('house.placard')}</Button>
              <Button size="small" href={`/api/inspections/houses/${houseId}/placard.png`} target="_blank">{t('house.placardPng')}</Button>
            </Space>
          )}
          {v.grade && v.grade.improve.length > 0 && (
            <Typography.Text>{t('my.improve')}：{v.grade.improve.map((i) => `${i.label[lang]}（+${i.points}）`).join('、')}</Typography.Text>
          )}
          <Typography.Text strong>{t('house.grades')}</Typography.Text>
          <Space wrap>{v.grades.map((g, i) => <Tag key={i}>{g.gradedOn} · {'★'.repeat(g.stars)} {g.score}</Tag>)}</Space>
          <Typography.Text strong>{t('house.inspections')}</Typography.Text>
          <Table rowKey="id" size="small" pagination={false} dataSource={v.inspections} locale={{ emptyText: <Empty /> }} columns={[
            { title: t('today.due', { date: '' }).trim(), key: 'due', render: (_, i) => <Link to={`/inspections/inspections/${i.id}`}>{i.doneOn ?? i.dueOn}</Link> },
            { title: '', key: 'kind', render: (_, i) => t(`kind.${i.kind}`) },
            { title: t('common:status'), key: 'status', render: (_, i) => <Tag color={i.status === 'done' ? 'success' : i.overdue ? 'error' : 'processing'}>{t(`status.${i.status}`)}</Tag> },
            { title: '', key: 'failed', render: (_, i) => (i.status === 'done' ? t('inspection.failedItems', { count: i.failed }) : '') },
          ]} />
          <Typography.Text strong>{t('house.hazards')}</Typography.Text>
          <List size="small" dataSource={v.hazards} locale={{ emptyText: t('hazard.none') }} renderItem={(h) => (
            <List.Item><Space wrap>{h.label[lang]}<HazardStatusTag status={h.status} />{t('hazard.deadline')} {h.deadlineOn}</Space></List.Item>
          )} />
        </Space>
      )}
    </Card>
  );
}
