import { CheckCircleFilled, PayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CheckoutView } from '@shared/payments/payments.schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { yuan } from '../../lib/money';


/** The built-in provider's payment page: what is charged, and a button that pays (a simulated payment). */
export function PayPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('permits');
  const client = useQueryClient();
  const order = useQuery({ queryKey: ['payments', token], queryFn: () => api.get(`/api/payments/checkout/${token}`, CheckoutView), retry: false });
  const pay = useMutation({ mutationFn: () => api.post(`/api/payments/checkout/${token}/pay`, {}, CheckoutView), onSuccess: (view) => client.setQueryData(['payments', token], view) });
  if (order.isLoading) return <Skeleton active style={{ padding: 16 }} />;
  if (!order.data) return <Result status="warning" title={t('verify.notFound')} />;
  const o = order.data;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={4}><PayCircleOutlined style={{ color: '#0f5fa8' }} /> {t('pay.title')}</Typography.Title>
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('pay.order')}>{o.number}</Descriptions.Item>
          <Descriptions.Item label={t('fields.details')}>{o.description}</Descriptions.Item>
          <Descriptions.Item label={t('pay.amount')}><span style={{ fontSize: 22, fontWeight: 700 }} data-testid="pay-amount">{yuan(o.amountFen)}</span></Descriptions.Item>
        </Descriptions>
        <ErrorAlert error={pay.error} />
        {o.status === 'pending' && <Button type="primary" size="large" block loading={pay.isPending} onClick={() => pay.mutate()} data-testid="pay-now">{t('pay.payNow')}</Button>}
        {o.status === 'paid' && <Alert type="success" showIcon icon={<CheckCircleFilled />} message={t('pay.paid')} data-testid="paid" />}
        {o.status === 'refunded' && <Alert type="info" showIcon message={t('pay.refunded')} />}
        <Link to={o.returnTo}><Button block style={{ marginTop: 12 }}>{t('pay.back')}</Button></Link>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>{t('pay.hint')}</Typography.Paragraph>
    </div>
  );
}
