import { App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMyLetterHouses, useSignLetter } from '../api';

/** A landlord on a phone: the safety responsibility letter in force, signed per house, and who is registered in each. */
export function LettersPage() {
  const { t } = useTranslation('housing');
  const { message } = App.useApp();
  const view = useMyLetterHouses();
  const sign = useSignLetter();
  const letter = view.data?.letter;
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
    </Space>
  );
}
