import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePersonApplications } from '../api';
import { ApplicationStatusTag } from './tags';

/** The person page's points panel: points applications in the caller's jurisdiction, with their points. */
export function PersonPointsPanel({ personId }: { personId: string }) {
  const { t } = useTranslation('points');
  const data = usePersonApplications(personId);
  const items = data.data?.items ?? [];
  return (
    <Card title={t('applications.title')} size="small" loading={data.isLoading} data-testid="person-points">
      {items.length === 0 ? <Typography.Text type="secondary">{t('my.none')}</Typography.Text> : (
        <List size="small" dataSource={items} renderItem={(a) => (
          <List.Item key={a.id}>
            <Space wrap><Link to={`/points/applications/${a.id}`}>{a.number}</Link><ApplicationStatusTag status={a.status} /><Typography.Text>{a.roundName}</Typography.Text><Typography.Text type="secondary">{`${t('applications.total')} ${a.total} · ${t('applications.ranking')} ${a.rankingScore}`}</Typography.Text></Space>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
