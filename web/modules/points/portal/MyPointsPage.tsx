import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMyApplications, useRounds } from '../api';
import { ApplicationStatusTag } from '../components/tags';

/** The resident's points: rounds open now, their own applications, and the self-check. */
export function MyPointsPage() {
  const { t } = useTranslation('points');
  const rounds = useRounds(true);
  const mine = useMyApplications();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('my.title')}</Typography.Title>
      <Link to="/portal/points/calculator"><Button icon={<CalculatorOutlined />} block data-testid="open-self-check">{t('my.calculator')}</Button></Link>
      <ErrorAlert error={rounds.error ?? mine.error} />
      <Card size="small" title={t('my.rounds')}>
        <List size="small" dataSource={(rounds.data?.items ?? []).filter((r) => r.accepting)} locale={{ emptyText: t('my.noRounds') }} renderItem={(r) => (
          <List.Item actions={[<Link key="apply" to={`/portal/points/apply/${r.id}`} data-testid={`apply-${r.name}`}><Button type="primary" size="small">{t('my.apply')}</Button></Link>]}>
            <List.Item.Meta title={r.name} description={`${r.opensOn} → ${r.closesOn}`} />
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={t('my.mine')}>
        <List size="small" dataSource={mine.data?.items ?? []} locale={{ emptyText: t('my.none') }} renderItem={(a) => (
          <List.Item actions={[<Link key="open" to={`/portal/points/applications/${a.id}`} data-testid={`my-application-${a.number}`}>{t('my.open')}</Link>]}>
            <List.Item.Meta title={<Space>{a.roundName}<ApplicationStatusTag status={a.status} /></Space>} description={`${a.number} · ${t('applications.total')} ${a.total}`} />
          </List.Item>
        )} />
      </Card>
    </Space>
  );
}
