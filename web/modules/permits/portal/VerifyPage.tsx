import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useVerify } from '../api';

const LOOK = {
  valid: { color: '#389e0d', icon: <CheckCircleFilled /> },
  suspended: { color: '#d48806', icon: <ExclamationCircleFilled /> },
  expired: { color: '#8c8c8c', icon: <CloseCircleFilled /> },
  revoked: { color: '#cf1322', icon: <CloseCircleFilled /> },
} as const;

/** What a scanned electronic permit shows anyone: its state and a masked name, nothing more. */
export function VerifyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('permits');
  const verify = useVerify(token);
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}><SafetyCertificateOutlined style={{ color: '#0f5fa8' }} /> {t('verify.title')}</Typography.Title>
        <LanguageSwitch size="small" />
      </div>
      <Card>
        {verify.isLoading && <Skeleton active />}
        {verify.error && <Result status="warning" title={t('verify.notFound')} />}
        {verify.data && (
          <div style={{ textAlign: 'center' }} data-testid="verify-result">
            <div style={{ fontSize: 64, color: LOOK[verify.data.state].color }}>{LOOK[verify.data.state].icon}</div>
            <div style={{ fontSize: 24, fontWeight: 700, color: LOOK[verify.data.state].color }}>{t(`verifyState.${verify.data.state}`)}</div>
            <div style={{ fontSize: 18, marginTop: 8 }}>{verify.data.name}</div>
          </div>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>{t('verify.hint')}</Typography.Paragraph>
    </div>
  );
}
