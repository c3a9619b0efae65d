import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Result, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import type { DeclarationView } from '@shared/registry/declaration.schema';
import { RELATIONS } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { zodRule } from '../../../lib/form';
import { SmsCodeInput } from '@shared/auth/auth.schema';
import { useDeclare, useQrHouse } from '../api';
import { idNumberRule } from '../../../components/id-number-rule';

type Kind = 'arrive' | 'leave';
type DeclareForm = { name: string; idNumber: string; phone?: string; relation?: (typeof RELATIONS)[number]; date: dayjs.Dayjs };

/**
 * Where a scanned house QR code leads: the address, and after a phone login a form to declare an arrival or a
 * leaving there. Without a login it shows the address and the way to log in, and comes back here after.
 */
export function DeclarePage({ me }: { me: MeView | null }) {
  const { token = '' } = useParams();
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const house = useQrHouse(token);
  const declare = useDeclare();
  const [kind, setKind] = useState<Kind>('arrive');
  const [done, setDone] = useState<DeclarationView | null>(null);
  const [form] = Form.useForm<DeclareForm>();
  const landlord = me?.kind === 'landlord';

  if (house.isLoading) return <Skeleton active />;
  if (house.error || !house.data) return <Result status="warning" title={t('declarations.portal.title')} subTitle={t('declarations.portal.invalid')} />;

  const address = (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('declarations.portal.address')}</Typography.Text>
      <div style={{ fontSize: 17, fontWeight: 600, marginTop: 4 }} data-testid="declare-address">
        <EnvironmentOutlined style={{ color: '#0f5fa8', marginRight: 6 }} />
        {`${house.data.address} ${house.data.unit}`}
      </div>
    </Card>
  );

  if (!me) {
    return (
      <div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('declarations.portal.title')}</Typography.Title>
        {address}
        <Typography.Paragraph>{t('declarations.portal.loginFirst')}</Typography.Paragraph>
        <Link to={`/portal/login?next=${encodeURIComponent(`/portal/declare/${token}`)}`}>
          <Button type="primary" size="large" block>{t('declarations.portal.login')}</Button>
        </Link>
      </div>
    );
  }

  if (done) {
    return (
      <Result
        status="success"
        title={t('declarations.portal.done')}
        subTitle={done.status === 'confirmed' ? t('declarations.portal.doneConfirmed') : t('declarations.portal.doneSubmitted')}
        extra={[
          <Button key="again" onClick={() => { setDone(null); form.resetFields(); declare.reset(); }}>{t('declarations.portal.another')}</Button>,
          <Link key="mine" to="/portal/declarations"><Button type="primary">{t('declarations.portal.mine')}</Button></Link>,
        ]}
      />
    );
  }

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('declarations.portal.title')}</Typography.Title>
      {address}
      <Card size="small">
        <Segmented<Kind>
          block
          value={kind}
          onChange={(value) => { setKind(value); declare.reset(); }}
          options={(['arrive', 'leave'] as const).map((k) => ({ value: k, label: t(`declarations.kinds.${k}`) }))}
          style={{ marginBottom: 12 }}
        />
        {landlord && <Alert type="info" showIcon message={t('declarations.portal.forLandlord')} style={{ marginBottom: 12 }} />}
        <ErrorAlert error={declare.error} />
        <Form
          form={form}
          name="declare"
          layout="vertical"
          requiredMark={false}
          initialValues={{ relation: 'tenant', date: dayjs() }}
          onFinish={(values) =>
            declare.mutate(
              {
                token, kind, name: values.name, idNumber: values.idNumber, date: values.date.format('YYYY-MM-DD'), transactionId: crypto.randomUUID(),
                ...(kind === 'arrive' ? { relation: values.relation ?? 'tenant', ...(values.phone ? { phone: values.phone } : {}) } : {}),
              },
              { onSuccess: setDone },
            )
          }
        >
          <Typography.Text strong>{kind === 'arrive' ? t('declarations.portal.whoArrive') : t('declarations.portal.whoLeave')}</Typography.Text>
          <Form.Item name="name" label={t('declarations.portal.name')} rules={[{ required: true, whitespace: true, message: t('errors:validation.required') }]} style={{ marginTop: 8 }}>
            <Input size="large" maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('declarations.portal.idNumber')} rules={[{ required: true, message: t('errors:validation.required') }, idNumberRule(t)]}>
            <Input size="large" maxLength={18} autoComplete="off" />
          </Form.Item>
          {kind === 'arrive' && (
            <>
              <Form.Item name="phone" label={t('declarations.portal.phone')} extra={landlord ? undefined : t('declarations.portal.phoneHint')} rules={[zodRule(SmsCodeInput.shape.phone)]}>
                <Input size="large" inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Item name="relation" label={t('declarations.portal.relation')} rules={[{ required: true }]}>
                <Select size="large" options={RELATIONS.map((r) => ({ value: r, label: t(`residence.relations.${r}`) }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="date" label={kind === 'arrive' ? t('declarations.portal.arrivedOn') : t('declarations.portal.leftOn')} rules={[{ required: true, message: t('errors:validation.required') }]}>
            <DatePicker size="large" style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" size="large" block loading={declare.isPending}>{t('declarations.portal.submit')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
