import { App, Button, Card, DatePicker, Form, Input, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import type { CampaignSummary } from '@shared/inspections/inspection.schema';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCampaigns, useCreateCampaign } from '../api';

type Values = { name: string; divisionCode: string; dueOn: Dayjs };

/**
 * Special campaigns (专项整治): one inspection of every rental house in an area by a date, on top of the routine
 * schedule. Street officers and above start them; the list shows each campaign's progress in the caller's area.
 */
export function CampaignsPage({ me, canManage }: { me: MeView; canManage: boolean }) {
  const { t } = useTranslation(['inspections', 'common']);
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useCampaigns(page);
  const create = useCreateCampaign();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  // One key per opened form: sending it again (a double click, a retry) starts one campaign.
  const transactionId = useMemo(() => (open ? crypto.randomUUID() : ''), [open]);
  const root = { code: me.division?.code ?? '', name: me.division?.name ?? '' };

  return (
    <Card title={t('campaigns.title')} extra={canManage && <Button type="primary" onClick={() => { create.reset(); setOpen(true); }}>{t('campaigns.start')}</Button>}>
      <Typography.Paragraph type="secondary">{t('campaigns.hint')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<CampaignSummary>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} scroll={{ x: 820 }}
        locale={{ emptyText: t('campaigns.none') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        onRow={(c) => ({ 'data-testid': `campaign-${c.name}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('campaigns.name'), dataIndex: 'name' },
          { title: t('campaigns.area'), key: 'area', render: (_, c) => c.division.name },
          { title: t('campaigns.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('campaigns.progress'), key: 'progress', width: 220,
            render: (_, c) => {
              const counted = c.inspections - c.cancelled;
              return counted > 0 ? <Progress size="small" percent={Math.round((c.done / counted) * 100)} format={() => `${c.done}/${counted}`} /> : '—';
            },
          },
          {
            title: t('common:status'), key: 'status', width: 200,
            render: (_, c) => (
              <Space size={4} wrap>
                {c.overdue > 0 && <Tag color="error">{t('campaigns.overdue', { count: c.overdue })}</Tag>}
                {c.cancelled > 0 && <Tag>{t('campaigns.cancelled', { count: c.cancelled })}</Tag>}
                {c.failedItems > 0 && <Tag color="warning">{t('campaigns.failedItems', { count: c.failedItems })}</Tag>}
                {c.open === 0 && c.done > 0 && <Tag color="success">{t('campaigns.finished')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('campaigns.start')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden>
        <ErrorAlert error={create.error} />
        <Form form={form} layout="vertical" initialValues={{ dueOn: dayjs().add(14, 'day') }}
          onFinish={(values) => create.mutate(
            { name: values.name, divisionCode: values.divisionCode, dueOn: values.dueOn.format('YYYY-MM-DD'), transactionId },
            { onSuccess: (c) => { setOpen(false); void message.success(t('campaigns.started', { count: c.planned })); } },
          )}>
          <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true, min: 2, max: 60, message: t('campaigns.nameRequired') }]}><Input placeholder={t('campaigns.namePlaceholder')} /></Form.Item>
          <Form.Item name="divisionCode" label={t('campaigns.area')} rules={[{ required: true, message: t('campaigns.areaRequired') }]} extra={t('campaigns.areaHint')}>
            <DivisionPicker root={root} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('campaigns.dueOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
