import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskCreated, KioskView } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCreateKiosk, useKiosks, useRevokeKiosk } from '../api';

/** The self-service endorsement terminals of the jurisdiction: register one (its key shown once), revoke one. */
export function KiosksPage({ division }: { division: string }) {
  const { t } = useTranslation(['permits', 'common']);
  const list = useKiosks();
  const create = useCreateKiosk();
  const revoke = useRevokeKiosk();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<KioskCreated | null>(null);
  const [form] = Form.useForm<{ name: string; divisionCode: string }>();
  return (
    <Card title={t('kiosk.title')} extra={<Button type="primary" onClick={() => { form.resetFields(); create.reset(); setAdding(true); }}>{t('kiosk.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('kiosk.hint')}</Typography.Paragraph>
      <ErrorAlert error={list.error ?? revoke.error} />
      <Table<KioskView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('kiosk.name'), dataIndex: 'name' },
          { title: t('fields.division'), key: 'division', render: (_, k) => k.divisionPath.slice(2).join(' / ') },
          { title: t('kiosk.key'), key: 'key', width: 120, render: (_, k) => <Typography.Text code>{`${k.keyPrefix}…`}</Typography.Text> },
          { title: t('kiosk.lastUsed'), key: 'used', width: 170, render: (_, k) => (k.lastUsedAt ? dayjs(k.lastUsedAt).format('YYYY-MM-DD HH:mm') : '—') },
          { title: t('fields.status'), key: 'status', width: 100, render: (_, k) => <Tag color={k.status === 'active' ? 'success' : 'default'}>{t(`kiosk.status.${k.status}`)}</Tag> },
          {
            title: t('common:actions'), key: 'actions', width: 100,
            render: (_, k) => k.status === 'active' && (
              <Popconfirm title={t('kiosk.revokeConfirm')} onConfirm={() => revoke.mutate(k.id)}>
                <Button size="small" danger>{t('kiosk.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('kiosk.add')}
        okText={created ? t('common:close') : t('kiosk.add')}
        cancelButtonProps={{ style: created ? { display: 'none' } : {} }}
        okButtonProps={{ loading: create.isPending }}
        onCancel={() => { setAdding(false); setCreated(null); }}
        onOk={() => (created ? (setAdding(false), setCreated(null)) : void form.submit())}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} />
        {created ? (
          <Alert type="warning" showIcon message={t('kiosk.keyOnce')} description={<Typography.Paragraph copyable code data-testid="kiosk-key" style={{ marginBottom: 0 }}>{created.key}</Typography.Paragraph>} />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ divisionCode: division }} onFinish={(v) => create.mutate(v, { onSuccess: setCreated })}>
            <Form.Item name="name" label={t('kiosk.name')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="divisionCode" label={t('kiosk.division')} rules={[{ required: true, pattern: /^\d{6,15}$/ }]}><Input maxLength={15} /></Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
