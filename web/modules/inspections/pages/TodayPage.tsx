import { Badge, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useInspections } from '../api';

/** A grid worker's day on a phone: the week's inspections in their grids, overdue first, each opening the checklist. */
export function TodayPage() {
  const { t } = useTranslation('inspections');
  const list = useInspections({ status: 'planned', withinDays: 7, pageSize: 100 });
  return (
    <Card title={<Space>{t('today.title')}{list.data && list.data.overdue > 0 && <Badge count={list.data.overdue} title={t('today.overdue')} />}</Space>}>
      <Typography.Paragraph type="secondary">{t('today.hint')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <List
        loading={list.isLoading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t('today.empty')} /> }}
        renderItem={(i) => (
          <List.Item data-testid={`task-${i.address}`} actions={[<Link key="go" to={`/inspections/inspections/${i.id}`} data-testid={`start-${i.id}`}>{t('today.start')}</Link>]}>
            <List.Item.Meta
              title={<Link to={`/inspections/inspections/${i.id}`}>{i.address}</Link>}
              description={(
                <Space wrap size={4}>
                  <Tag>{t(`kind.${i.kind}`)}</Tag>
                  {i.overdue ? <Tag color="error">{t('today.overdue')} · {t('today.due', { date: i.dueOn })}</Tag> : <Tag>{t('today.due', { date: i.dueOn })}</Tag>}
                  {i.openHazards > 0 && <Tag color="warning">{t('today.openHazards', { count: i.openHazards })}</Tag>}
                </Space>
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
