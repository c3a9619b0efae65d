import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundView } from '@shared/points/application.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCreateRound, usePacks, useRoundAction, useRounds } from '../api';
import { useLang } from '../components/ScoreResult';

type Values = { name: string; year: number; packId: string; quota: number; window: [Dayjs, Dayjs]; materialsCutoff: Dayjs; bornOnOrAfter?: Dayjs; taxFrom?: Dayjs; taxTo?: Dayjs };

function CloseButton({ round }: { round: RoundView }) {
  const { t } = useTranslation('points');
  const close = useRoundAction(round.id);
  return (
    <Popconfirm title={t('rounds.closeConfirm')} onConfirm={() => close.mutate()}>
      <Button size="small" loading={close.isPending}>{t('rounds.close')}</Button>
    </Popconfirm>
  );
}

/** The yearly rounds: pack version, quota, window and cut-offs, with application counts; the city opens and closes them. */
export function RoundsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation(['points', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const rounds = useRounds();
  const packs = usePacks();
  const create = useCreateRound();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const iso = (d?: Dayjs) => d?.format('YYYY-MM-DD');
  return (
    <Card title={t('rounds.title')} extra={canManage && <Button type="primary" onClick={() => { create.reset(); form.resetFields(); setOpen(true); }}>{t('rounds.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('rounds.hint')}</Typography.Paragraph>
      <ErrorAlert error={rounds.error} />
      <Table<RoundView>
        rowKey="id" size="middle" loading={rounds.isLoading} dataSource={rounds.data?.items ?? []} pagination={false}
        columns={[
          { title: t('rounds.name'), key: 'name', render: (_, r) => <Link to={`/points/rounds/${r.id}`} data-testid={`round-${r.name}`}>{r.name}</Link> },
          { title: t('rounds.pack'), key: 'pack', render: (_, r) => `${r.pack.name[lang]} v${r.pack.version}` },
          { title: t('rounds.quota'), dataIndex: 'quota', width: 90 },
          { title: t('rounds.window'), key: 'window', width: 200, render: (_, r) => `${r.opensOn} → ${r.closesOn}` },
          { title: t('rounds.materialsCutoff'), dataIndex: 'materialsCutoff', width: 120 },
          { title: t('rounds.counts'), key: 'counts', render: (_, r) => Object.entries(r.counts).map(([status, n]) => <Tag key={status}>{t(`appStatus.${status}`)} {n}</Tag>) },
          { title: '', key: 'state', width: 170, render: (_, r) => (
            <Space>
              <Tag color={r.accepting ? 'success' : 'default'}>{r.accepting ? t('rounds.accepting') : t('rounds.closed')}</Tag>
              {r.actions.includes('close') && <CloseButton round={r} />}
            </Space>
          ) },
        ]}
      />
      <Modal open={open} title={t('rounds.add')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden width={640}>
        <ErrorAlert error={create.error} />
        <Form<Values> form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), quota: 16000 }}
          onFinish={(v) => create.mutate({
            name: v.name, year: v.year, packId: v.packId, quota: v.quota, opensOn: iso(v.window[0])!, closesOn: iso(v.window[1])!, materialsCutoff: iso(v.materialsCutoff)!,
            bornOnOrAfter: iso(v.bornOnOrAfter), taxFrom: iso(v.taxFrom), taxTo: iso(v.taxTo),
          }, { onSuccess: () => { setOpen(false); void message.success(t('rounds.created')); } })}>
          <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('rounds.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="quota" label={t('rounds.quota')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          </Space>
          <Form.Item name="packId" label={t('rounds.pack')} rules={[{ required: true }]}>
            <Select aria-label={t('rounds.pack')} options={(packs.data?.items ?? []).filter((p) => p.status === 'published').map((p) => ({ value: p.id, label: `${p.name[lang]} · ${p.code} v${p.version}` }))} />
          </Form.Item>
          <Form.Item name="window" label={t('rounds.window')} rules={[{ required: true }]}><DatePicker.RangePicker aria-label={t('rounds.window')} /></Form.Item>
          <Space wrap>
            <Form.Item name="materialsCutoff" label={t('rounds.materialsCutoff')} rules={[{ required: true }]}><DatePicker aria-label={t('rounds.materialsCutoff')} /></Form.Item>
            <Form.Item name="bornOnOrAfter" label={t('rounds.bornOnOrAfter')}><DatePicker aria-label={t('rounds.bornOnOrAfter')} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="taxFrom" label={t('rounds.taxFrom')}><DatePicker /></Form.Item>
            <Form.Item name="taxTo" label={t('rounds.taxTo')}><DatePicker /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
