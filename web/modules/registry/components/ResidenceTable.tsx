import { App, Button, DatePicker, Form, Modal, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResidenceView } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLeave } from '../api';

/** Stays in a table: a person's addresses, or a house's occupants; `leave` where the caller may register it. */
export function ResidenceTable({ rows, show }: { rows: ResidenceView[]; show: 'person' | 'address' }) {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const leave = useLeave();
  const [leaving, setLeaving] = useState<ResidenceView | null>(null);
  const [form] = Form.useForm<{ leftOn: dayjs.Dayjs }>();
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('person.noStay') }}
        scroll={{ x: 900 }}
        columns={[
          show === 'person'
            ? { title: t('persons.name'), width: 110, render: (_, r) => <Link to={`/registry/persons/${r.personId}`}>{r.personName}</Link> }
            : { title: t('residence.address'), render: (_, r) => <Link to={`/registry/houses/${r.houseId}`}>{r.address}</Link> },
          ...(show === 'person' ? [{ title: t('persons.idNumber'), dataIndex: 'personIdNumber', width: 190 }] : []),
          { title: t('residence.relation'), dataIndex: 'relation', width: 100, render: (v: string) => t(`residence.relations.${v}`) },
          { title: t('residence.arrivedOn'), dataIndex: 'arrivedOn', width: 110 },
          { title: t('residence.leftOn'), dataIndex: 'leftOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('residence.channel'), dataIndex: 'channel', width: 120, render: (v: string) => t(`residence.channels.${v}`) },
          {
            title: t('residence.late'),
            width: 150,
            render: (_, r) =>
              r.lateWorkdays > 0 ? <Tag color="orange">{t('residence.lateDays', { count: r.lateWorkdays })}</Tag> : <Tag color="green">{t('residence.onTime')}</Tag>,
          },
          {
            title: t('common:status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string) => <Tag color={v === 'active' ? 'blue' : 'default'}>{t(`residence.statuses.${v}`)}</Tag>,
          },
          {
            title: t('common:actions'),
            width: 130,
            render: (_, r) =>
              r.actions.includes('leave') ? (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ leftOn: dayjs() });
                    setLeaving(r);
                  }}
                >
                  {t('residence.leave')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={leaving !== null}
        title={t('residence.leaveTitle')}
        okText={t('common:save')}
        cancelText={t('common:cancel')}
        confirmLoading={leave.isPending}
        onCancel={() => setLeaving(null)}
        onOk={() =>
          void form.validateFields().then((values) =>
            leave.mutate(
              { id: leaving!.id, leftOn: values.leftOn.format('YYYY-MM-DD'), transactionId: crypto.randomUUID() },
              {
                onSuccess: () => {
                  void message.success(t('residence.left'));
                  setLeaving(null);
                },
              },
            ),
          )
        }
      >
        <ErrorAlert error={leave.error} />
        <p>{leaving ? `${leaving.personName} · ${leaving.address}` : ''}</p>
        <Form form={form} layout="vertical">
          <Form.Item name="leftOn" label={t('residence.leftOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
