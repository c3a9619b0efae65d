import {
  BankOutlined,
  BookOutlined,
  CommentOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Badge, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';

const SERVICES = [
  { key: 'registration', icon: <HomeOutlined /> },
  { key: 'permit', icon: <IdcardOutlined /> },
  { key: 'points', icon: <TrophyOutlined /> },
  { key: 'school', icon: <BookOutlined /> },
  { key: 'housing', icon: <BankOutlined /> },
  { key: 'rental', icon: <KeyOutlined /> },
  { key: 'petition', icon: <CommentOutlined /> },
  { key: 'welfare', icon: <HeartOutlined /> },
] as const;

/** The portal's home: the services a resident or landlord can use; each lights up as its module arrives. */
export function PortalHomePage({ me }: { me: MeView }) {
  const { t } = useTranslation(['portal', 'common']);
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.hello', { phone: me.phone ?? me.displayName })}
      </Typography.Title>
      <Typography.Text type="secondary">{t(`common:roles.${me.kind}`)}</Typography.Text>
      <Typography.Title level={5}>{t('home.services')}</Typography.Title>
      <Row gutter={[12, 12]}>
        {SERVICES.map((service) => (
          <Col span={12} key={service.key}>
            <Badge.Ribbon text={t('home.comingSoon')} color="gray">
              <Card size="small" style={{ opacity: 0.75 }} data-testid={`service-${service.key}`}>
                <div style={{ fontSize: 26, color: '#0f5fa8' }}>{service.icon}</div>
                <div style={{ marginTop: 6 }}>{t(`services.${service.key}`)}</div>
              </Card>
            </Badge.Ribbon>
          </Col>
        ))}
      </Row>
    </div>
  );
}
