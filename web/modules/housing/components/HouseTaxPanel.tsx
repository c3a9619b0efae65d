import { App, Button, Card, DatePicker, Descriptions, Form, type FormInstance, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAX_USES, type TaxBillView } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { yuan } from '../../../lib/money';
import { useDeclareRent, useHouseTax } from '../api';

type Values = { monthlyRentYuan: number; use: (typeof TAX_USES)[number]; period: 'monthly' | 'quarterly'; since: Dayjs };

/** On the house page: the declared rent, the rental-tax rate that applies, the latest bills; staff who manage housing declare the rent. */
export function HouseTaxPanel({ houseId, canManage }: { houseId: string; canManage: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const view = useHouseTax(houseId);
  const declare = useDeclareRent(houseId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const rent = view.data?.rent ?? null;
  return (
    <Card title={t('tax.title')} loading={view.isLoading} data-testid="house-tax"
      extra={canManage && <Button size="small" onClick={() => { declare.reset(); setOpen(true); }}>{rent ? t('tax.changeRent') : t('tax.declareRent')}</Button>}>
      <ErrorAlert error={view.error} />
      {rent ? (
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('tax.monthlyRent')}>{yuan(Math.round(rent.monthlyRentYuan * 100))}</Descriptions.Item>
          <Descriptions.Item label={t('tax.use')}>{t(`tax.uses.${rent.use}`)}</Descriptions.Item>
          <Descriptions.Item label={t('tax.billing')}>{t(`tax.periods.${rent.period}`)} · {t('tax.since', { date: rent.since })}</Descriptions.Item>
          <Descriptions.Item label={t('tax.rate')}>{t('tax.permille', { rate: rent.ratePermille })}</Descriptions.Item>
        </Descriptions>
      ) : view.data && <Typography.Paragraph type="secondary">{t('tax.noRent')}</Typography.Paragraph>}
      {view.data && view.data.bills.length > 0 && <BillsTable bills={view.data.bills} />}
      <Modal open={open} title={t('tax.declareRent')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: declare.isPending }} destroyOnHidden>
        <ErrorAlert error={declare.error} />
        <RentForm form={form} initial={rent} onFinish={(values) => declare.mutate(
          { monthlyRentYuan: values.monthlyRentYuan, use: values.use, period: values.period, since: values.since.format('YYYY-MM-DD') },
          { onSuccess: () => { setOpen(false); void message.success(t('tax.declared')); } },
        )} />
      </Modal>
    </Card>
  );
}

function RentForm({ form, initial, onFinish }: { form: FormInstance<Values>; initial: { monthlyRentYuan: number; use: Values['use']; period: Values['period']; since: string } | null; onFinish: (values: Values) => void }) {
  const { t } = useTranslation(['housing', 'common']);
  return (
    <Form form={form} layout="vertical" onFinish={onFinish}
      initialValues={initial ? { ...initial, since: dayjs(initial.since) } : { use: 'residential', period: 'monthly', since: dayjs().startOf('month') }}>
      <Form.Item name="monthlyRentYuan" label={t('tax.monthlyRentYuan')} rules={[{ required: true, message: t('tax.rentRequired') }]}>
        <InputNumber min={1} max={10_000_000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="use" label={t('tax.use')} rules={[{ required: true }]}>
        <Select options={TAX_USES.map((u) => ({ value: u, label: t(`tax.uses.${u}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t('tax.billing')} rules={[{ required: true }]}>
        <Select options={(['monthly', 'quarterly'] as const).map((p) => ({ value: p, label: t(`tax.periods.${p}`) }))} />
      </Form.Item>
      <Form.Item name="since" label={t('tax.sinceLabel')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </Form>
  );
}

/** Rental-tax bills: period, rent, rate, amount, due date and whether paid (arrears in red). */
export function BillsTable({ bills, withAddress = false, pagination = false }: { bills: TaxBillView[]; withAddress?: boolean; pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number) => void } }) {
  const { t } = useTranslation(['housing', 'common']);
  return (
    <Table<TaxBillView>
      rowKey="id" size="small" dataSource={bills} pagination={pagination} scroll={{ x: 720 }}
      onRow={(b) => ({ 'data-testid': `bill-${b.periodStart}` } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        ...(withAddress ? [{ title: t('tax.address'), dataIndex: 'address' }] : []),
        { title: t('tax.periodLabel'), key: 'period', render: (_, b) => t('tax.period', { start: b.periodStart, end: b.periodEnd }) },
        { title: t('tax.monthlyRent'), key: 'rent', align: 'right', render: (_, b) => `${yuan(b.monthlyRentFen)} × ${b.months}` },
        { title: t('tax.rate'), key: 'rate', align: 'right', width: 80, render: (_, b) => t('tax.permille', { rate: b.ratePermille }) },
        { title: t('tax.amountLabel'), key: 'amount', align: 'right', render: (_, b) => yuan(b.amountFen) },
        { title: t('tax.dueOn'), dataIndex: 'dueOn', width: 110 },
        { title: t('common:status'), key: 'status', width: 100, render: (_, b) => (b.status === 'paid' ? <Tag color="success">{t('tax.paid')}</Tag> : <Tag color={b.overdue ? 'error' : 'warning'}>{b.overdue ? t('tax.overdue') : t('tax.unpaid')}</Tag>) },
      ]}
    />
  );
}
