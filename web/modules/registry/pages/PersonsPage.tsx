import { App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { Phone } from '@shared/kernel/phone';
import { EDUCATION_LEVELS, type PersonInput, type PersonListQuery } from '@shared/registry/registry.schema';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { idNumberRule } from '../../../components/id-number-rule';
import { zodRule } from '../../../lib/form';
import { useCreatePerson, usePersons } from '../api';

type Filters = Pick<PersonListQuery, 'idNumber' | 'name' | 'phone' | 'address' | 'status'>;

export function PersonsPage({ me }: { me: MeView }) {
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Partial<Filters>>({});
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const persons = usePersons({ ...filters, page, pageSize: 20 });
  const create = useCreatePerson();
  const [search] = Form.useForm<Filters>();
  const [form] = Form.useForm<PersonInput>();
  const canWrite = me.permissions.includes('registry.write');

  return (
    <Card
      title={t('persons.title')}
      extra={canWrite && <Button type="primary" onClick={() => setCreating(true)}>{t('persons.new')}</Button>}
    >
      <Form
        form={search}
        name="person-search"
        layout="inline"
        onFinish={(values) => {
          setPage(1);
          setFilters(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')));
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="idNumber"><Input placeholder={t('persons.idNumber')} allowClear style={{ width: 200 }} /></Form.Item>
        <Form.Item name="name"><Input placeholder={t('persons.name')} allowClear style={{ width: 120 }} /></Form.Item>
        <Form.Item name="phone"><Input placeholder={t('persons.phone')} allowClear style={{ width: 140 }} /></Form.Item>
        <Form.Item name="address"><Input placeholder={t('persons.address')} allowClear style={{ width: 180 }} /></Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder={t('persons.status')} style={{ width: 110 }} options={[{ value: 'residing', label: t('persons.residing') }, { value: 'left', label: t('persons.left') }]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">{t('common:search')}</Button>
          <Button onClick={() => { search.resetFields(); setFilters({}); setPage(1); }}>{t('common:reset')}</Button>
        </Space>
      </Form>
      {!me.permissions.includes('registry.pii') && <Typography.Paragraph type="secondary">{t('persons.masked')}</Typography.Paragraph>}
      <ErrorAlert error={persons.error} />
      <Table
        rowKey="id"
        size="small"
        loading={persons.isLoading}
        dataSource={persons.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: 20, total: persons.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => (persons.data?.more ? t('common:totalMore', { count: total }) : t('common:total', { count: total })) }}
        columns={[
          { title: t('persons.name'), dataIndex: 'name', width: 100, render: (name: string, row) => <Link to={`/registry/persons/${row.id}`}>{name}</Link> },
          { title: t('persons.idNumber'), dataIndex: 'idNumber', width: 190 },
          { title: t('persons.sex'), dataIndex: 'sex', width: 60, render: (v: string) => t(`persons.${v}`) },
          { title: t('persons.age'), dataIndex: 'age', width: 60 },
          { title: t('persons.origin'), dataIndex: 'origin', width: 200, render: (v: string | null) => v ?? '—' },
          { title: t('persons.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('persons.address'), dataIndex: 'address', render: (v: string | null) => v ?? <Tag>{t('persons.left')}</Tag> },
        ]}
      />
      <Drawer
        open={creating}
        title={t('persons.new')}
        width={480}
        onClose={() => setCreating(false)}
        extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('common:save')}</Button>}
      >
        <ErrorAlert error={create.error} />
        <Form
          form={form}
          name="person-new"
          layout="vertical"
          initialValues={{ divisionCode: me.division?.code }}
          onFinish={(values) =>
            create.mutate(values, {
              onSuccess: (person) => {
                void message.success(t('persons.created', { name: person.name }));
                if (person.duplicates.length > 0) void message.warning(t('persons.duplicates', { names: person.duplicates.map((d) => `${d.name}（${d.idNumber}）`).join('、') }), 8);
                setCreating(false);
                form.resetFields();
                void navigate(`/registry/persons/${person.id}`);
              },
            })
          }
        >
          <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, max: 50, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('persons.idNumber')}
            extra={t('persons.idHint')}
            rules={[
              { required: true },
              idNumberRule(t),
            ]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label={t('persons.phone')} rules={[zodRule(Phone)]}>
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="education" label={t('persons.education')}>
            <Select allowClear options={EDUCATION_LEVELS.map((level) => ({ value: level, label: t(`education.${level}`) }))} />
          </Form.Item>
          <Form.Item name="employer" label={t('persons.employer')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('persons.division')} rules={[{ required: true }]}>
            <DivisionPicker root={{ code: me.division?.code ?? '', name: me.division?.name ?? '' }} />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
