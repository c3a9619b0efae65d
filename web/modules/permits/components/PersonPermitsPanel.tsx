import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePersonPermits } from '../api';
import { ApplicationStatusTag, PermitStatusTag } from './tags';

/** The person page's residence-permit panel: permits and applications in the caller's jurisdiction. */
export function PersonPermitsPanel({ personId }: { personId: string }) {
  const { t } = useTranslation('permits');
  const data = usePersonPermits(personId);
  const rows = [
    ...(data.data?.permits ?? []).map((p) => ({ key: p.id, node: <Space><Link to={`/permits/permits/${p.id}`}>{p.number}</Link><PermitStatusTag status={p.status} /><Typography.Text type="secondary">{`${t('fields.validUntil')} ${p.validUntil}`}</Typography.Text></Space> })),
    ...(data.data?.applications ?? []).map((a) => ({ key: a.id, node: <Space><Link to={`/permits/applications/${a.id}`}>{a.number}</Link><ApplicationStatusTag status={a.status} /><Typography.Text type="secondary">{a.submittedOn}</Typography.Text></Space> })),
  ];
  return (
    <Card title={t('person.title')} size="small" loading={data.isLoading} data-testid="person-permits">
      {rows.length === 0 ? <Typography.Text type="secondary">{t('person.none')}</Typography.Text> : <List size="small" dataSource={rows} renderItem={(r) => <List.Item key={r.key}>{r.node}</List.Item>} />}
    </Card>
  );
}
