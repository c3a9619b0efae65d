import type { ReactNode } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Image, Input, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { RELATIONS } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { idNumberRule } from '../../../components/id-number-rule';
import { useArrive, useHouse, useHouseQr, useRevokeQr } from '../api';
import { ResidenceTable } from '../components/ResidenceTable';

type ArriveForm = { idNumber: string; name: string; relation: (typeof RELATIONS)[number]; arrivedOn: dayjs.Dayjs };

export function HousePage({ me, panels = [] }: { me: MeView; panels?: ((houseId: string) => ReactNode)[] }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const house = useHouse(id);
  const arrive = useArrive();
  const qr = useHouseQr(id);
  const revoke = useRevokeQr();
  const [form] = Form.useForm<ArriveForm>();
  if (house.error) return <ErrorAlert error={house.error} />;
  if (!house.data) return <Skeleton active />;
  const h = house.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<Space>{`${h.address} ${h.unit}`}<Tag>{t(`houses.uses.${h.use}`)}</Tag></Space>}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('buildings.division')}>{h.divisionPath.join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('houses.area')}>{h.areaM2 ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('houses.rooms')}>{h.rooms ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('houses.owner')}>{h.owner ? `${h.owner.name}（${h.owner.idNumber}）` : (h.ownerOrganisation ?? '—')}</Descriptions.Item>
          <Descriptions.Item label={t('houses.landlord')}>{h.landlord?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('houses.agent')}>{h.agentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('houses.management')}>{h.managementCompany ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('houses.qr')}>
        <ErrorAlert error={qr.error ?? revoke.error} />
        {qr.data && (
          <Space align="start" size={24} wrap>
            <Image src={qr.data.png} width={160} alt={t('houses.qr')} preview={false} data-testid="house-qr" />
            <Space direction="vertical">
              <Typography.Paragraph type="secondary" style={{ maxWidth: 520 }}>{t('houses.qrHint', { version: qr.data.version })}</Typography.Paragraph>
              <Space wrap>
                <Button href={`/api/registry/houses/${h.id}/placard.svg`} target="_blank">{t('houses.placard')}</Button>
                <Button href={`/api/registry/houses/${h.id}/placard.png`} target="_blank">{t('houses.placardPng')}</Button>
                {me.permissions.includes('registry.write') && (
                  <Popconfirm title={t('houses.revokeConfirm')} onConfirm={() => revoke.mutate(h.id, { onSuccess: () => void message.success(t('houses.revoked')) })}>
                    <Button danger loading={revoke.isPending}>{t('houses.revoke')}</Button>
                  </Popconfirm>
                )}
              </Space>
            </Space>
          </Space>
        )}
      </Card>
      {h.use === 'rental' || h.use === 'dormitory' ? panels.map((panel) => panel(h.id)) : null}
      <Card title={`${t('houses.occupants')}（${h.occupants.length}）`}>
        <ResidenceTable rows={h.occupants} show="person" />
      </Card>
      {me.permissions.includes('registry.write') && (
        <Card title={t('residence.arriveTitle')}>
          <ErrorAlert error={arrive.error} />
          <Form
            form={form}
            name="arrive"
            layout="inline"
            initialValues={{ relation: 'tenant', arrivedOn: dayjs() }}
            style={{ rowGap: 8 }}
            onFinish={(values) =>
              arrive.mutate(
                { idNumber: values.idNumber, name: values.name, houseId: h.id, relation: values.relation, arrivedOn: values.arrivedOn.format('YYYY-MM-DD'), channel: 'console', transactionId: crypto.randomUUID() },
                {
                  onSuccess: () => {
                    void message.success(t('residence.arrived'));
                    form.resetFields();
                  },
                },
              )
            }
          >
            <Form.Item
              name="idNumber"
              rules={[
                { required: true },
                idNumberRule(t),
              ]}
            >
              <Input placeholder={t('persons.idNumber')} maxLength={18} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true, whitespace: true }]}><Input placeholder={t('persons.name')} style={{ width: 120 }} /></Form.Item>
            <Form.Item name="relation" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={RELATIONS.map((r) => ({ value: r, label: t(`residence.relations.${r}`) }))} />
            </Form.Item>
            <Form.Item name="arrivedOn" rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={arrive.isPending}>{t('residence.arrive')}</Button>
          </Form>
        </Card>
      )}
      <Card title={`${t('houses.former')}（${h.former.length}）`}>
        <ResidenceTable rows={h.former} show="person" />
      </Card>
    </Space>
  );
}
