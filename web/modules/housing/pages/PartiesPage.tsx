import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, List, Modal, Popconfirm, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PartyView } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useBlacklist, useLift, useParties, useParty, useRegisterParty } from '../api';

type Row = Omit<PartyView, 'blacklist' | 'houses'>;

function PartyDrawer({ id, canManage, onClose }: { id: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation('housing');
  const { message } = App.useApp();
  const party = useParty(id);
  const blacklist = useBlacklist(id ?? '');
  const lift = useLift();
  const [form] = Form.useForm<{ reason: string; office: string; expiresOn: Dayjs }>();
  const [liftReason, setLiftReason] = useState('');
  const p = party.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={520} title={p?.name} destroyOnHidden>
      <ErrorAlert error={party.error ?? blacklist.error ?? lift.error} />
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space><Tag>{t(`kind.${p.kind}`)}</Tag>{p.blacklisted && <Tag color="red" data-testid="party-blacklisted">{t('parties.blacklisted')}</Tag>}</Space>
          <Descriptions column={1} size="small">
            {p.idNumber && <Descriptions.Item label={t('parties.idNumber')}>{p.idNumber}</Descriptions.Item>}
            {p.creditCode && <Descriptions.Item label={t('parties.creditCode')}>{p.creditCode}</Descriptions.Item>}
            {p.phone && <Descriptions.Item label={t('parties.phone')}>{p.phone}</Descriptions.Item>}
          </Descriptions>
          <Typography.Text strong>{t('parties.entries')}</Typography.Text>
          <List size="small" dataSource={p.blacklist} locale={{ emptyText: t('house.none') }} renderItem={(e) => (
            <List.Item actions={e.active && canManage ? [
              <Popconfirm key="lift" title={<Input.TextArea rows={2} placeholder={t('parties.liftReason')} aria-label={t('parties.liftReason')} value={liftReason} onChange={(ev) => setLiftReason(ev.target.value)} />}
                onConfirm={() => lift.mutate({ entryId: e.id, reason: liftReason }, { onSuccess: () => { setLiftReason(''); void message.success(t('parties.lifted')); } })}>
                <Button size="small">{t('parties.lift')}</Button>
              </Popconfirm>,
            ] : []}>
              <Space direction="vertical" size={0}>
                <Space wrap><Tag color={e.active ? 'red' : 'default'}>{e.active ? t('parties.active') : t(`parties.status.${e.status}`)}</Tag>{e.office}</Space>
                <Typography.Text>{e.reason}</Typography.Text>
                <Typography.Text type="secondary">{e.listedOn} → {e.expiresOn}{e.liftedOn ? ` · ${t('parties.lifted')} ${e.liftedOn}：${e.liftReason}` : ''}</Typography.Text>
              </Space>
            </List.Item>
          )} />
          <Typography.Text strong>{t('parties.houses')}</Typography.Text>
          <List size="small" dataSource={p.houses} locale={{ emptyText: t('house.none') }} renderItem={(h) => <List.Item><Link to={`/registry/houses/${h.houseId}`}>{h.address}</Link> · {t(`kind.${h.role}`)} · {h.since}</List.Item>} />
          {canManage && !p.blacklisted && (
            <Form form={form} layout="vertical" onFinish={(v) => blacklist.mutate({ reason: v.reason, office: v.office, expiresOn: v.expiresOn.format('YYYY-MM-DD') }, { onSuccess: () => { form.resetFields(); void message.success(t('parties.listed')); } })}>
              <Typography.Text strong>{t('parties.blacklist')}</Typography.Text>
              <Form.Item name="reason" label={t('parties.reason')} rules={[{ required: true, min: 4 }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
              <Form.Item name="office" label={t('parties.office')} rules={[{ required: true, min: 2 }]}><Input maxLength={80} /></Form.Item>
              <Form.Item name="expiresOn" label={t('parties.expiresOn')} rules={[{ required: true }]}><DatePicker aria-label={t('parties.expiresOn')} /></Form.Item>
              <Button danger htmlType="submit" loading={blacklist.isPending} data-testid="submit-blacklist">{t('parties.blacklist')}</Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** The city-wide register of sub-landlords and agents, and the blacklist. */
export function PartiesPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [only, setOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ kind: 'sub_landlord' | 'agent'; name: string; idNumber?: string; creditCode?: string; phone?: string }>();
  const kind = Form.useWatch('kind', form);
  const list = useParties({ q: q || undefined, blacklisted: only ? 'true' : undefined, page, pageSize: 20 });
  const register = useRegisterParty();
  return (
    <Card title={t('parties.title')} extra={canManage && <Button type="primary" onClick={() => { register.reset(); form.resetFields(); setAdding(true); }}>{t('parties.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('parties.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('parties.search')} aria-label={t('parties.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 260 }} />
        <Switch checked={only} onChange={(v) => { setOnly(v); setPage(1); }} aria-label={t('parties.onlyBlacklisted')} />{t('parties.onlyBlacklisted')}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Row>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('parties.name'), dataIndex: 'name' },
          { title: t('parties.kind'), key: 'kind', width: 100, render: (_, p) => t(`kind.${p.kind}`) },
          { title: `${t('parties.idNumber')} / ${t('parties.creditCode')}`, key: 'id', render: (_, p) => p.idNumber ?? p.creditCode },
          { title: t('parties.phone'), dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '' },
          { title: '', key: 'listed', width: 100, render: (_, p) => (p.blacklisted ? <Tag color="red">{t('parties.blacklisted')}</Tag> : null) },
        ]}
      />
      <Modal open={adding} title={t('parties.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} okButtonProps={{ loading: register.isPending }} destroyOnHidden>
        <ErrorAlert error={register.error} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'sub_landlord' }} onFinish={(v) => register.mutate({
          kind: v.kind, name: v.name, idNumber: v.kind === 'sub_landlord' ? v.idNumber : undefined, creditCode: v.kind === 'agent' ? v.creditCode : undefined, phone: v.phone || undefined,
        }, { onSuccess: (p) => { setAdding(false); setOpen(p.id); void message.success(t('parties.created')); } })}>
          <Form.Item name="kind" label={t('parties.kind')}><Segmented options={[{ value: 'sub_landlord', label: t('kind.sub_landlord') }, { value: 'agent', label: t('kind.agent') }]} /></Form.Item>
          <Form.Item name="name" label={t('parties.name')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item>
          {kind === 'agent'
            ? <Form.Item name="creditCode" label={t('parties.creditCode')} rules={[{ required: true, len: 18 }]}><Input maxLength={18} /></Form.Item>
            : <Form.Item name="idNumber" label={t('parties.idNumber')} rules={[{ required: true, min: 15 }]}><Input maxLength={18} /></Form.Item>}
          <Form.Item name="phone" label={t('parties.phone')}><Input maxLength={11} /></Form.Item>
        </Form>
      </Modal>
      <PartyDrawer id={open} canManage={canManage} onClose={() => setOpen(null)} />
    </Card>
  );
}
