import { App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import type { PersonRef } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePerson, useUpdatePerson } from '../api';
import { idNumberRule } from '../../../components/id-number-rule';
import { DuplicatesCard } from '../components/DuplicatesCard';
import { ResidenceTable } from '../components/ResidenceTable';

function People({ list, none, onUnlink }: { list: PersonRef[]; none: string; onUnlink?: (p: PersonRef) => void }) {
  const { t } = useTranslation('registry');
  if (list.length === 0) return <>{none}</>;
  return (
    <Space wrap>
      {list.map((p) => (
        <Space key={p.id} size={4}>
          <Link to={`/registry/persons/${p.id}`}>
            {p.name}（{p.idNumber}）
          </Link>
          {onUnlink && (
            <Popconfirm title={t('person.unlinkConfirm', { name: p.name })} onConfirm={() => onUnlink(p)}>
              <Button size="small" type="link" danger>{t('person.unlink')}</Button>
            </Popconfirm>
          )}
        </Space>
      ))}
    </Space>
  );
}

type Linking = 'spouse' | 'child' | null;

export function PersonPage({ me, panels = [] }: { me: MeView; panels?: ((personId: string) => ReactNode)[] }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const person = usePerson(id);
  const update = useUpdatePerson(id);
  const [linking, setLinking] = useState<Linking>(null);
  const [form] = Form.useForm<{ idNumber: string; name: string }>();
  const canWrite = me.permissions.includes('registry.write');
  const done = (text: string) => () => {
    void message.success(text);
    setLinking(null);
  };
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
      {panels.map((panel) => panel(p.id))}
      <DuplicatesCard person={p} canMerge={me.permissions.includes('registry.manage')} />
      <Card title={t('person.current')}>
        <ResidenceTable rows={current} show="address" />
      </Card>
      <Card title={t('person.history')}>
        <ResidenceTable rows={history} show="address" />
      </Card>
      <Card
        title={t('person.family')}
        extra={canWrite && (
          <Space>
            <Button size="small" onClick={() => { form.resetFields(); setLinking('spouse'); }}>{t('person.setSpouse')}</Button>
            <Button size="small" onClick={() => { form.resetFields(); setLinking('child'); }}>{t('person.addChild')}</Button>
          </Space>
        )}
      >
        <ErrorAlert error={linking ? null : update.error} />
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('person.spouse')}>
            <People list={p.spouse ? [p.spouse] : []} none={t('person.none')} {...(canWrite ? { onUnlink: () => update.mutate({ spouse: null }, { onSuccess: done(t('person.unlinked')) }) } : {})} />
          </Descriptions.Item>
          <Descriptions.Item label={t('person.children')}>
            <People list={p.children} none={t('person.none')} {...(canWrite ? { onUnlink: (c: PersonRef) => update.mutate({ removeChildId: c.id }, { onSuccess: done(t('person.unlinked')) }) } : {})} />
          </Descriptions.Item>
          <Descriptions.Item label={t('person.parents')}><People list={p.parents} none={t('person.none')} /></Descriptions.Item>
        </Descriptions>
      </Card>
      <Modal
        open={linking !== null}
        title={linking === 'spouse' ? t('person.setSpouse') : t('person.addChild')}
        onCancel={() => setLinking(null)}
        onOk={() => void form.submit()}
        okButtonProps={{ loading: update.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('person.linkHint')}</Typography.Paragraph>
        <ErrorAlert error={update.error} />
        <Form
          form={form}
          layout="vertical"
          name="family"
          onFinish={(values) =>
            update.mutate(linking === 'spouse' ? { spouse: values } : { addChild: values }, { onSuccess: done(t('person.linked')) })
          }
        >
          <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, message: t('errors:validation.required') }, idNumberRule(t)]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, whitespace: true, message: t('errors:validation.required') }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
