import { App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMyLetterHouses, useMyTax, usePayTax, useSignLetter } from '../api';
import { yuanFigure } from '../../../lib/money';

/** A landlord on a phone: the safety responsibility letter in force, signed per house, and who is registered in each. */
export function LettersPage() {
  const { t } = useTranslation('housing');
  const { message } = App.useApp();
  const view = useMyLetterHouses();
  const sign = useSignLetter();
  const letter = view.data?.letter;
  const bills = useMyTax();
  const pay = usePayTax();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('letter.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('letter.hint')}</Typography.Text>
      <ErrorAlert error={view.error ?? sign.error} />
      {letter && (
        <Card size="small" title={letter.title} extra={<Typography.Text type="secondary">{t('letter.version', { version: letter.version, date: letter.publishedOn })}</Typography.Text>}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }} data-testid="letter-body">{letter.body}</Typography.Paragraph>
        </Card>
      )}
      {view.data?.items.length === 0 && <Empty description={t('letter.empty')} />}
      {view.data?.items.map((h) => (
        <Card key={h.houseId} size="small" title={h.address} data-testid={`letter-house-${h.houseId}`}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {h.current ? <Tag color="success" data-testid="letter-signed">{t('letter.signed', { version: h.signedVersion })}</Tag>
              : <Space wrap>
                  <Tag color="warning">{h.signedVersion ? t('letter.outdated', { version: h.signedVersion }) : t('letter.unsigned')}</Tag>
                  {letter && <Button type="primary" size="small" loading={sign.isPending} data-testid="sign-letter"
                    onClick={() => sign.mutate({ houseId: h.houseId, version: letter.version }, { onSuccess: () => void message.success(t('letter.signed', { version: letter.version })) })}>{t('letter.sign')}</Button>}
                </Space>}
            <Typography.Text type="secondary">{t('letter.tenants')}</Typography.Text>
            {h.tenants.length === 0 ? <Typography.Text type="secondary">{t('letter.noTenants')}</Typography.Text>
              : <Space wrap>{h.tenants.map((o, i) => <Tag key={i}>{o.name}（{o.idNumber}）</Tag>)}</Space>}
          </Space>
        </Card>
      ))}
      <Card size="small" title={t('tax.title')} extra={bills.data && bills.data.arrearsFen > 0 && <Tag color="error">{t('tax.arrears', { amount: yuanFigure(bills.data.arrearsFen) })}</Tag>}>
        <ErrorAlert error={bills.error ?? pay.error} />
        {bills.data?.items.length === 0 && <Typography.Text type="secondary">{t('tax.none')}</Typography.Text>}
        <Space direction="vertical" style={{ width: '100%' }}>
          {bills.data?.items.map((b) => (
            <Space key={b.id} wrap style={{ justifyContent: 'space-between', width: '100%' }} data-testid={`tax-${b.periodStart}`}>
              <Space direction="vertical" size={0}>
                <Typography.Text>{b.address}</Typography.Text>
                <Typography.Text type="secondary">{t('tax.period', { start: b.periodStart, end: b.periodEnd })} · {t('tax.amount', { amount: yuanFigure(b.amountFen) })}</Typography.Text>
              </Space>
              {b.status === 'paid' ? <Tag color="success">{t('tax.paid')}</Tag> : (
                <Space>
                  <Tag color={b.overdue ? 'error' : 'warning'}>{b.overdue ? t('tax.overdue') : t('tax.due', { date: b.dueOn })}</Tag>
                  <Button size="small" type="primary" loading={pay.isPending && pay.variables === b.id} onClick={() => pay.mutate(b.id, { onSuccess: (r) => { window.location.href = r.payPath; } })}>{t('tax.pay')}</Button>
                </Space>
              )}
            </Space>
          ))}
        </Space>
      </Card>
    </Space>
  );
}
