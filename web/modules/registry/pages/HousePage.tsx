import { App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Skeleton, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { parseIdNumber } from '@shared/kernel/id-number';
import { ID_NUMBER_PROBLEM_CODES, RELATIONS } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useArrive, useHouse } from '../api';
import { ResidenceTable } from '../components/ResidenceTable';

type ArriveForm = { idNumber: string; name: string; relation: (typeof RELATIONS)[number]; arrivedOn: dayjs.Dayjs };

export function HousePage({ me }: { me: MeView }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const house = useHouse(id);
  const arrive = useArrive();
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
                {
                  validator: (_, value: string | undefined) => {
                    if (!value) return Promise.resolve();
                    const parsed = parseIdNumber(value);
                    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(t(`errors:${ID_NUMBER_PROBLEM_CODES[parsed.problem]}`)));
                  },
                },
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
