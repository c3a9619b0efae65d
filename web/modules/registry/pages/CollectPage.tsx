import { ArrowLeftOutlined, CheckOutlined, EnvironmentOutlined, HomeOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RELATIONS } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { zodRule } from '../../../lib/form';
import { SmsCodeInput } from '@shared/auth/auth.schema';
import { useArrive, useBuildings, useHouse, useHouses, useLeave, useVisitBuilding } from '../api';
import { idNumberRule } from '../../../components/id-number-rule';

type AddForm = { name: string; idNumber: string; phone?: string; relation: (typeof RELATIONS)[number]; arrivedOn: dayjs.Dayjs };

/**
 * Door-to-door collection (洗楼) on a phone: building → unit → who lives there; confirm, add or remove
 * occupants, then record the building's visit. The steps live in the address bar, so "back" works.
 */
export function CollectPage() {
  const { t } = useTranslation(['registry', 'common']);
  const [params, setParams] = useSearchParams();
  const building = params.get('building');
  const house = params.get('house');
  const go = (next: Record<string, string>) => setParams(next);
  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('collect.title')}</Typography.Title>
      {house && building ? <Unit id={house} onBack={() => go({ building })} /> : building ? <Building id={building} onOpen={(id) => go({ building, house: id })} onBack={() => go({})} /> : <Buildings onOpen={(id) => go({ building: id })} />}
    </div>
  );
}

function Buildings({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation(['registry', 'common']);
  const [q, setQ] = useState('');
  const list = useBuildings({ order: 'visit', pageSize: 50, ...(q ? { q } : {}) });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('collect.hint')}</Typography.Paragraph>
      <Input.Search placeholder={t('collect.search')} allowClear onSearch={setQ} style={{ marginBottom: 12 }} size="large" />
      <ErrorAlert error={list.error} />
      <List
        loading={list.isLoading}
        locale={{ emptyText: t('collect.empty') }}
        dataSource={list.data?.items ?? []}
        renderItem={(b) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => onOpen(b.id)} data-testid="collect-building">
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong><EnvironmentOutlined style={{ color: '#0f5fa8', marginRight: 6 }} />{b.address}</Typography.Text>
              <Space wrap size={4}>
                <Tag>{t('collect.houses', { count: b.houseCount })}</Tag>
                <Tag>{t('collect.occupants', { count: b.occupantCount })}</Tag>
                {b.lastVisitAt ? <Tag color="green">{t('collect.lastVisit', { date: dayjs(b.lastVisitAt).format('YYYY-MM-DD') })}</Tag> : <Tag color="orange">{t('collect.never')}</Tag>}
              </Space>
            </Space>
          </Card>
        )}
      />
    </>
  );
}

function Building({ id, onOpen, onBack }: { id: string; onOpen: (id: string) => void; onBack: () => void }) {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const houses = useHouses({ buildingId: id, pageSize: 200 });
  const visit = useVisitBuilding();
  const [note, setNote] = useState('');
  const address = houses.data?.items[0]?.address;
  return (
    <>
      <Button icon={<ArrowLeftOutlined />} type="link" onClick={onBack} style={{ paddingLeft: 0 }}>{t('collect.back')}</Button>
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="collect-address">{address}</Typography.Title>
      <ErrorAlert error={houses.error ?? visit.error} />
      <List
        loading={houses.isLoading}
        grid={{ gutter: 8, xs: 2, sm: 3, md: 4 }}
        dataSource={houses.data?.items ?? []}
        renderItem={(h) => (
          <List.Item>
            <Card size="small" hoverable onClick={() => onOpen(h.id)} data-testid="collect-unit">
              <div style={{ fontSize: 18, fontWeight: 600 }}><HomeOutlined style={{ color: '#0f5fa8', marginRight: 6 }} />{h.unit}</div>
              <Typography.Text type="secondary">{t('collect.occupants', { count: h.occupantCount })}</Typography.Text>
            </Card>
          </List.Item>
        )}
      />
      <Input.TextArea rows={2} maxLength={200} placeholder={t('collect.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} style={{ margin: '8px 0' }} />
      <Button
        type="primary"
        size="large"
        block
        icon={<CheckOutlined />}
        loading={visit.isPending}
        onClick={() => visit.mutate({ id, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => { void message.success(t('collect.finished')); onBack(); } })}
      >
        {t('collect.finish')}
      </Button>
    </>
  );
}

function Unit({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const house = useHouse(id);
  const leave = useLeave();
  const arrive = useArrive();
  const [form] = Form.useForm<AddForm>();
  if (house.isLoading) return <Skeleton active />;
  const h = house.data;
  return (
    <>
      <Button icon={<ArrowLeftOutlined />} type="link" onClick={onBack} style={{ paddingLeft: 0 }}>{t('collect.back')}</Button>
      <ErrorAlert error={house.error ?? leave.error} />
      {h && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{`${h.address} ${h.unit}`}</Typography.Title>
          <Card size="small" title={t('houses.occupants')} style={{ marginBottom: 12 }}>
            {h.occupants.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('collect.noOccupants')} />
            ) : (
              <List
                dataSource={h.occupants}
                renderItem={(o) => (
                  <List.Item
                    data-testid="collect-occupant"
                    actions={o.actions.includes('leave') ? [
                      <Popconfirm
                        key="leave"
                        title={t('collect.moveOutConfirm', { name: o.personName })}
                        onConfirm={() => leave.mutate({ id: o.id, leftOn: dayjs().format('YYYY-MM-DD'), transactionId: crypto.randomUUID() }, { onSuccess: () => void message.success(t('collect.movedOut')) })}
                      >
                        <Button size="small" danger>{t('collect.moveOut')}</Button>
                      </Popconfirm>,
                    ] : []}
                  >
                    <List.Item.Meta title={o.personName} description={`${o.personIdNumber} · ${t(`residence.relations.${o.relation}`)} · ${o.arrivedOn}`} />
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={<Space><UserAddOutlined />{t('collect.add')}</Space>}>
            <ErrorAlert error={arrive.error} />
            <Form
              form={form}
              name="collect-add"
              layout="vertical"
              requiredMark={false}
              initialValues={{ relation: 'tenant', arrivedOn: dayjs() }}
              onFinish={(values) =>
                arrive.mutate(
                  {
                    idNumber: values.idNumber, name: values.name, houseId: h.id, relation: values.relation, arrivedOn: values.arrivedOn.format('YYYY-MM-DD'),
                    channel: 'door_to_door', registerIfNew: true, transactionId: crypto.randomUUID(), ...(values.phone ? { phone: values.phone } : {}),
                  },
                  { onSuccess: () => { void message.success(t('collect.added')); form.resetFields(); } },
                )
              }
            >
              <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, whitespace: true, message: t('errors:validation.required') }]}><Input size="large" maxLength={50} /></Form.Item>
              <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[{ required: true, message: t('errors:validation.required') }, idNumberRule(t)]}><Input size="large" maxLength={18} /></Form.Item>
              <Form.Item name="phone" label={t('collect.phone')} rules={[zodRule(SmsCodeInput.shape.phone)]}><Input size="large" inputMode="tel" maxLength={11} /></Form.Item>
              <Space.Compact block>
                <Form.Item name="relation" label={t('residence.relation')} style={{ width: '50%' }}>
                  <Select size="large" options={RELATIONS.map((r) => ({ value: r, label: t(`residence.relations.${r}`) }))} />
                </Form.Item>
                <Form.Item name="arrivedOn" label={t('residence.arrivedOn')} style={{ width: '50%' }} rules={[{ required: true }]}>
                  <DatePicker size="large" inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Space.Compact>
              <Button type="primary" htmlType="submit" size="large" block loading={arrive.isPending}>{t('residence.arrive')}</Button>
            </Form>
          </Card>
        </>
      )}
    </>
  );
}
