import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorView } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useBuildingSearch, useCreateDoor, useDoors, useRevokeDoor } from '../api';

/**
 * Door systems (门禁) of the jurisdiction's buildings. Each gets its own key, shown once when it is added; the
 * system pushes entry events with it, and a person seen repeatedly where they are not registered becomes a
 * registration task. A key that leaked is revoked at once.
 */
export function DoorsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const doors = useDoors();
  const create = useCreateDoor();
  const revoke = useRevokeDoor();
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState('');
  const buildings = useBuildingSearch(q);
  const [form] = Form.useForm<{ buildingId: string; name: string }>();
  const key = create.data?.key;

  return (
    <Card title={t('doors.title')} extra={canManage && <Button type="primary" onClick={() => { create.reset(); setAdding(true); }}>{t('doors.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('doors.hint')}</Typography.Paragraph>
      <ErrorAlert error={doors.error ?? revoke.error} />
      <Table<DoorView>
        rowKey="id" size="middle" loading={doors.isLoading} dataSource={doors.data?.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 760 }}
        locale={{ emptyText: t('doors.none') }}
        onRow={(d) => ({ 'data-testid': `door-${d.name}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('doors.name'), dataIndex: 'name' },
          { title: t('doors.building'), dataIndex: 'address' },
          { title: t('doors.key'), key: 'key', width: 130, render: (_, d) => <Typography.Text code>{d.keyPrefix}…</Typography.Text> },
          { title: t('doors.lastEvent'), key: 'last', width: 170, render: (_, d) => (d.lastEventAt ? new Date(d.lastEventAt).toLocaleString() : <Typography.Text type="secondary">{t('doors.never')}</Typography.Text>) },
          { title: t('common:status'), key: 'status', width: 90, render: (_, d) => (d.status === 'active' ? <Tag color="green">{t('doors.active')}</Tag> : <Tag>{t('doors.revoked')}</Tag>) },
          ...(canManage ? [{
            title: t('common:actions'), key: 'revoke', width: 100,
            render: (_: unknown, d: DoorView) => d.status === 'active' && (
              <Popconfirm title={t('doors.revokeConfirm', { name: d.name })} okText={t('doors.revoke')} onConfirm={() => revoke.mutate(d.id, { onSuccess: () => void message.success(t('doors.revokedOk')) })}>
                <Button size="small" danger>{t('doors.revoke')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
      <Modal open={adding} title={t('doors.add')} onCancel={() => setAdding(false)} destroyOnHidden
        footer={key ? <Button type="primary" onClick={() => setAdding(false)}>{t('doors.keySaved')}</Button> : undefined}
        onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }}>
        {key ? (
          <Alert type="warning" showIcon message={t('doors.keyOnce')} description={<Typography.Paragraph copyable={{ text: key }} code data-testid="door-key" style={{ marginBottom: 0, wordBreak: 'break-all' }}>{key}</Typography.Paragraph>} />
        ) : (
          <>
            <ErrorAlert error={create.error} />
            <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
              <Form.Item name="buildingId" label={t('doors.building')} rules={[{ required: true, message: t('doors.buildingRequired') }]}>
                <Select showSearch filterOption={false} onSearch={setQ} placeholder={t('doors.searchBuilding')} loading={buildings.isFetching}
                  notFoundContent={q.length < 2 ? t('doors.typeMore') : t('doors.noBuilding')}
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.address }))} />
              </Form.Item>
              <Form.Item name="name" label={t('doors.name')} rules={[{ required: true, min: 2, max: 60, message: t('doors.nameRequired') }]}><Input placeholder={t('doors.namePlaceholder')} /></Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </Card>
  );
}
