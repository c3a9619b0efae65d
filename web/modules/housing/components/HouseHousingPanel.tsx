import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, List, Modal, Segmented, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ApiError } from '../../../lib/api';
import { useAddManager, useHouseHousing, useParties } from '../api';

type Values = { partyId: string; role: 'sub_landlord' | 'agent'; since: Dayjs };

/** On the house page: who manages the rental house, its flags and occupancy; registering a manager warns of a blacklist. */
export function HouseHousingPanel({ houseId, canManage }: { houseId: string; canManage: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const view = useHouseHousing(houseId);
  const add = useAddManager(houseId);
  const [search, setSearch] = useState('');
  const parties = useParties({ q: search || undefined, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [form] = Form.useForm<Values>();
  const warning = add.error instanceof ApiError && add.error.code === 'HOUSING_PARTY_BLACKLISTED' ? add.error : null;
  const v = view.data;
  const send = (values: Values) => add.mutate({ partyId: values.partyId, role: values.role, since: values.since.format('YYYY-MM-DD'), acknowledgeBlacklist: acknowledged, transactionId: crypto.randomUUID() }, {
    onSuccess: () => { setOpen(false); void message.success(t('parties.created')); },
  });
  return (
    <Card title={t('house.title')} loading={view.isLoading} data-testid="house-housing" extra={canManage && <Button size="small" onClick={() => { add.reset(); form.resetFields(); setAcknowledged(false); setOpen(true); }}>{t('house.addManager')}</Button>}>
      <ErrorAlert error={view.error} />
      {v && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('house.area')}>{v.areaM2 ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('house.occupants')}>{v.occupants}</Descriptions.Item>
          </Descriptions>
          <List size="small" header={t('house.managers')} dataSource={v.managers} locale={{ emptyText: t('house.none') }} renderItem={(m) => (
            <List.Item><Space wrap>{m.name}<Tag>{t(`kind.${m.role}`)}</Tag>{m.since}{m.warned && <Tag color="red">{t('house.warned')}</Tag>}</Space></List.Item>
          )} />
          <List size="small" header={t('house.flags')} dataSource={v.flags} locale={{ emptyText: t('house.none') }} renderItem={(f) => (
            <List.Item data-testid={`flag-${f.kind}`}><Space wrap><Tag color={f.clearedOn ? 'default' : 'orange'}>{t(`flag.${f.kind}`)}</Tag>{f.detail}{f.clearedOn ? ` · ${t('flags.cleared')} ${f.clearedOn}` : ''}</Space></List.Item>
          )} />
        </Space>
      )}
      <Modal open={open} title={t('house.addManager')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending, disabled: Boolean(warning) && !acknowledged }} destroyOnHidden>
        {warning ? (
          <Alert type="error" showIcon message={t('house.blacklistedTitle')} description={(
            <Space direction="vertical">
              <span data-testid="blacklist-warning">{warning.localized}</span>
              <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="acknowledge">{t('house.acknowledge')}</Checkbox>
            </Space>
          )} />
        ) : <ErrorAlert error={add.error} />}
        <Form form={form} layout="vertical" initialValues={{ role: 'sub_landlord', since: dayjs() }} onFinish={send} style={{ marginTop: 12 }}>
          <Form.Item name="role" label={t('parties.kind')}><Segmented options={[{ value: 'sub_landlord', label: t('kind.sub_landlord') }, { value: 'agent', label: t('kind.agent') }]} /></Form.Item>
          <Form.Item name="partyId" label={t('house.party')} rules={[{ required: true }]}>
            <Select showSearch filterOption={false} onSearch={setSearch} aria-label={t('house.party')} onChange={() => { add.reset(); setAcknowledged(false); }}
              options={(parties.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.idNumber ?? p.creditCode ?? ''}）${p.blacklisted ? ` · ${t('parties.blacklisted')}` : ''}` }))} />
          </Form.Item>
          <Form.Item name="since" label={t('house.since')} rules={[{ required: true }]}><DatePicker aria-label={t('house.since')} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
