import { App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { HOUSE_USES, type BuildingInput, type BuildingView, type HouseInput } from '@shared/registry/registry.schema';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useBuildings, useCreateBuilding, useCreateHouse, useHouses, useMergeBuilding, useRetireBuilding } from '../api';

function HousesOf({ building, canWrite }: { building: BuildingView; canWrite: boolean }) {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const houses = useHouses({ buildingId: building.id, pageSize: 200 });
  const create = useCreateHouse();
  const [form] = Form.useForm<Omit<HouseInput, 'buildingId'>>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={houses.isLoading}
        dataSource={houses.data?.items ?? []}
        columns={[
          { title: t('houses.unit'), dataIndex: 'unit', width: 90, render: (unit: string, row) => <Link to={`/registry/houses/${row.id}`}>{unit}</Link> },
          { title: t('houses.use'), dataIndex: 'use', width: 90, render: (v: string) => <Tag>{t(`houses.uses.${v}`)}</Tag> },
          { title: t('houses.area'), dataIndex: 'areaM2', width: 100, render: (v: number | null) => v ?? '—' },
          { title: t('houses.owner'), render: (_, h) => h.owner?.name ?? h.ownerOrganisation ?? '—' },
          { title: t('buildings.occupants'), dataIndex: 'occupantCount', width: 90 },
        ]}
      />
      {canWrite && (
        <>
          <ErrorAlert error={create.error} />
          <Form
            form={form}
            name={`house-new-${building.id}`}
            layout="inline"
            initialValues={{ use: 'rental' }}
            onFinish={(values) =>
              create.mutate({ ...values, buildingId: building.id }, {
                onSuccess: (house) => {
                  void message.success(t('houses.created', { unit: house.unit }));
                  form.resetFields();
                },
              })
            }
          >
            <Form.Item name="unit" rules={[{ required: true, whitespace: true, max: 30 }]}><Input placeholder={t('houses.unit')} style={{ width: 90 }} /></Form.Item>
            <Form.Item name="use" rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={HOUSE_USES.map((use) => ({ value: use, label: t(`houses.uses.${use}`) }))} />
            </Form.Item>
            <Form.Item name="areaM2"><InputNumber placeholder={t('houses.area')} min={1} max={100000} style={{ width: 110 }} /></Form.Item>
            <Form.Item name="ownerOrganisation" rules={[{ required: true, whitespace: true, max: 100 }]}><Input placeholder={t('houses.ownerOrganisation')} style={{ width: 200 }} /></Form.Item>
            <Button htmlType="submit" loading={create.isPending}>{t('houses.new')}</Button>
          </Form>
        </>
      )}
    </Space>
  );
}

export function BuildingsPage({ me }: { me: MeView }) {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const buildings = useBuildings({ ...(q ? { q } : {}), page, pageSize: 20 });
  const create = useCreateBuilding();
  const [form] = Form.useForm<BuildingInput>();
  const canWrite = me.permissions.includes('registry.write');
  const canManage = me.permissions.includes('registry.manage');
  const retire = useRetireBuilding();
  const merge = useMergeBuilding();
  const [merging, setMerging] = useState<BuildingView | null>(null);
  const [targetQuery, setTargetQuery] = useState('');
  const targets = useBuildings({ ...(targetQuery ? { q: targetQuery } : {}), ...(merging ? { divisionCode: merging.divisionCode } : {}), pageSize: 20 }, merging !== null);
  const [intoId, setIntoId] = useState<string>();
  return (
    <Card title={t('buildings.title')} extra={canWrite && <Button type="primary" onClick={() => setCreating(true)}>{t('buildings.new')}</Button>}>
      <Input.Search
        allowClear
        placeholder={t('buildings.search')}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        style={{ maxWidth: 420, marginBottom: 16 }}
        enterButton={t('common:search')}
      />
      <ErrorAlert error={buildings.error} />
      <Table
        rowKey="id"
        size="small"
        loading={buildings.isLoading}
        dataSource={buildings.data?.items ?? []}
        expandable={{ expandedRowRender: (building) => <HousesOf building={building} canWrite={canWrite} /> }}
        pagination={{ current: page, pageSize: 20, total: buildings.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common:total', { count: total }) }}
        columns={[
          { title: t('buildings.address'), dataIndex: 'address' },
          { title: t('buildings.division'), dataIndex: 'divisionPath', width: 260, render: (path: string[]) => path.slice(-2).join(' / ') },
          { title: t('buildings.houses'), dataIndex: 'houseCount', width: 80 },
          { title: t('buildings.occupants'), dataIndex: 'occupantCount', width: 90 },
          ...(canManage
            ? [
                {
                  title: t('common:actions'),
                  width: 170,
                  render: (_: unknown, row: BuildingView) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => { setMerging(row); setIntoId(undefined); setTargetQuery(''); }}>{t('buildings.merge')}</Button>
                      <Popconfirm
                        title={t('buildings.retireConfirm', { address: row.address })}
                        onConfirm={() => retire.mutate(row.id, { onSuccess: () => void message.success(t('buildings.retired')) })}
                      >
                        <Button size="small" danger>{t('buildings.retire')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ErrorAlert error={retire.error} />
      <Modal
        open={merging !== null}
        title={merging ? t('buildings.mergeTitle', { address: merging.address }) : ''}
        okText={t('buildings.merge')}
        cancelText={t('common:cancel')}
        okButtonProps={{ disabled: !intoId }}
        confirmLoading={merge.isPending}
        onCancel={() => setMerging(null)}
        onOk={() =>
          merge.mutate(
            { id: merging!.id, intoId: intoId! },
            {
              onSuccess: (kept) => {
                void message.success(t('buildings.merged', { address: kept.address }));
                setMerging(null);
              },
            },
          )
        }
      >
        <ErrorAlert error={merge.error} />
        <p>{t('buildings.mergeHint')}</p>
        <Select
          showSearch
          style={{ width: '100%' }}
          placeholder={t('buildings.mergeInto')}
          filterOption={false}
          onSearch={setTargetQuery}
          value={intoId}
          onChange={setIntoId}
          options={(targets.data?.items ?? []).filter((b) => b.id !== merging?.id).map((b) => ({ value: b.id, label: `${b.address}（${b.houseCount}）` }))}
          data-testid="merge-into"
        />
      </Modal>
      <Drawer
        open={creating}
        title={t('buildings.new')}
        width={460}
        onClose={() => setCreating(false)}
        extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('common:save')}</Button>}
      >
        <ErrorAlert error={create.error} />
        <Form
          form={form}
          name="building-new"
          layout="vertical"
          initialValues={{ divisionCode: me.division?.code }}
          onFinish={(values) =>
            create.mutate(values, {
              onSuccess: (building) => {
                void message.success(t('buildings.created', { address: building.address }));
                setCreating(false);
                form.resetFields();
              },
            })
          }
        >
          <Form.Item name="address" label={t('buildings.address')} rules={[{ required: true, whitespace: true, min: 4, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('buildings.division')} rules={[{ required: true }]}>
            <DivisionPicker root={{ code: me.division?.code ?? '', name: me.division?.name ?? '' }} />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
