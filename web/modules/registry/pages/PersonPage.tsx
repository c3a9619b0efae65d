import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PersonRef } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePerson } from '../api';
import { ResidenceTable } from '../components/ResidenceTable';

function People({ list, none }: { list: PersonRef[]; none: string }) {
  if (list.length === 0) return <>{none}</>;
  return (
    <Space wrap>
      {list.map((p) => (
        <Link key={p.id} to={`/registry/persons/${p.id}`}>
          {p.name}（{p.idNumber}）
        </Link>
      ))}
    </Space>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['registry', 'common']);
  const person = usePerson(id);
  if (person.error) return <ErrorAlert error={person.error} />;
  if (!person.data) return <Skeleton active />;
  const p = person.data;
  const current = p.residences.filter((r) => r.status === 'active');
  const history = p.residences.filter((r) => r.status === 'ended');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<Space>{p.name}<Tag color={p.residing ? 'blue' : 'default'}>{p.residing ? t('persons.residing') : t('persons.left')}</Tag></Space>}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" title={t('person.identity')}>
          <Descriptions.Item label={t('persons.idNumber')}>{p.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('persons.sex')}>{t(`persons.${p.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.birthDate')}>{p.birthDate}（{p.age}）</Descriptions.Item>
          <Descriptions.Item label={t('persons.origin')}>{p.origin ?? p.originCode}</Descriptions.Item>
          <Descriptions.Item label={t('persons.phone')}>{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('persons.education')}>{p.education ? t(`education.${p.education}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('persons.employer')}>{p.employer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('persons.division')}>{p.divisionPath.join(' / ')}</Descriptions.Item>
        </Descriptions>
        {!p.piiVisible && <Typography.Text type="secondary">{t('persons.masked')}</Typography.Text>}
      </Card>
      <Card title={t('person.current')}>
        <ResidenceTable rows={current} show="address" />
      </Card>
      <Card title={t('person.history')}>
        <ResidenceTable rows={history} show="address" />
      </Card>
      <Card title={t('person.family')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('person.spouse')}><People list={p.spouse ? [p.spouse] : []} none={t('person.none')} /></Descriptions.Item>
          <Descriptions.Item label={t('person.children')}><People list={p.children} none={t('person.none')} /></Descriptions.Item>
          <Descriptions.Item label={t('person.parents')}><People list={p.parents} none={t('person.none')} /></Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
