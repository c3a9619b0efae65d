import { App, Button, Card, Form, InputNumber, Modal, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import { TAX_USES, type TaxRateInput } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { yuan } from '../../../lib/money';
import { useDivisionChildren, useSetTaxRate, useTaxBills, useTaxRates } from '../api';
import { BillsTable } from '../components/HouseTaxPanel';

type RateRow = { divisionCode: string; use: (typeof TAX_USES)[number]; ratePermille: number; updatedAt: string };

/**
 * Rental tax (个人出租屋综合税): the rate table by district and use (the city's applies where a district has none;
 * set at city level), and the bills of the jurisdiction with the arrears.
 */
export function TaxPage({ me, canManage }: { me: MeView; canManage: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const city = me.division?.code.slice(0, 4);
  const cityWide = (me.division?.code.length ?? 99) <= 4;
  const rates = useTaxRates();
  const districts = useDivisionChildren(city);
  const setRate = useSetTaxRate();
  const [editing, setEditing] = useState<Partial<TaxRateInput> | null>(null);
  const [form] = Form.useForm<TaxRateInput>();
  const [arrears, setArrears] = useState(true);
  const [page, setPage] = useState(1);
  const bills = useTaxBills({ arrears: arrears ? 'true' : undefined, page, pageSize: 20 });
  const names = useMemo(() => new Map([[city ?? '', t('tax.cityRate')], ...(districts.data?.items ?? []).map((d) => [d.code, d.name] as [string, string])]), [city, districts.data, t]);
  const divisionOptions = [...names.entries()].map(([value, label]) => ({ value, label }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('tax.ratesTitle')} extra={canManage && cityWide && <Button onClick={() => { setRate.reset(); setEditing({ use: 'residential' }); }}>{t('tax.setRate')}</Button>}>
        <Typography.Paragraph type="secondary">{t('tax.ratesHint')}</Typography.Paragraph>
        <ErrorAlert error={rates.error} />
        <Table<RateRow>
          rowKey={(r) => `${r.divisionCode}-${r.use}`} size="small" loading={rates.isLoading} pagination={false}
          dataSource={[...(rates.data?.items ?? [])].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.use.localeCompare(b.use))}
          onRow={(r) => ({ 'data-testid': `rate-${r.divisionCode}-${r.use}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('tax.division'), key: 'division', render: (_, r) => names.get(r.divisionCode) ?? r.divisionCode },
            { title: t('tax.use'), key: 'use', render: (_, r) => t(`tax.uses.${r.use}`) },
            { title: t('tax.rate'), key: 'rate', align: 'right', render: (_, r) => t('tax.permille', { rate: r.ratePermille }) },
            { title: t('tax.updatedAt'), key: 'updatedAt', render: (_, r) => new Date(r.updatedAt).toLocaleString() },
            ...(canManage && cityWide ? [{ title: t('common:actions'), key: 'edit', width: 90, render: (_: unknown, r: RateRow) => <Button size="small" onClick={() => { setRate.reset(); setEditing(r); }}>{t('tax.edit')}</Button> }] : []),
          ]}
        />
      </Card>
      <Card title={t('tax.billsTitle')} extra={<Segmented value={arrears ? 'arrears' : 'all'} onChange={(v) => { setArrears(v === 'arrears'); setPage(1); }} options={[{ value: 'arrears', label: t('tax.arrearsOnly') }, { value: 'all', label: t('tax.allBills') }]} />}>
        <ErrorAlert error={bills.error} />
        <Space size={48} style={{ marginBottom: 12 }}>
          <Statistic title={t('tax.arrearsTotal')} value={yuan(bills.data?.arrearsFen ?? 0)} valueStyle={{ color: (bills.data?.arrearsFen ?? 0) > 0 ? '#cf1322' : undefined }} />
          <Statistic title={arrears ? t('tax.arrearsCount') : t('tax.billCount')} value={bills.data?.total ?? 0} />
        </Space>
        <BillsTable bills={bills.data?.items ?? []} withAddress pagination={{ current: page, pageSize: 20, total: bills.data?.total ?? 0, onChange: setPage }} />
      </Card>
      <Modal open={editing !== null} title={t('tax.setRate')} onCancel={() => setEditing(null)} onOk={() => form.submit()} okButtonProps={{ loading: setRate.isPending }} destroyOnHidden>
        <ErrorAlert error={setRate.error} />
        <Form form={form} layout="vertical" initialValues={editing ?? undefined}
          onFinish={(values) => setRate.mutate(values, { onSuccess: () => { setEditing(null); void message.success(t('tax.rateSaved')); } })}>
          <Form.Item name="divisionCode" label={t('tax.division')} rules={[{ required: true, message: t('tax.divisionRequired') }]}><Select options={divisionOptions} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="use" label={t('tax.use')} rules={[{ required: true }]}><Select options={TAX_USES.map((u) => ({ value: u, label: t(`tax.uses.${u}`) }))} /></Form.Item>
          <Form.Item name="ratePermille" label={t('tax.ratePermille')} rules={[{ required: true, message: t('tax.rateRequired') }]} extra={t('tax.rateHint')}><InputNumber min={0} max={300} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
