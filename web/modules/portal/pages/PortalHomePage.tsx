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
import { Badge, Card, Col, List, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeView } from '@shared/auth/auth.schema';
import { useInbox } from '../api';

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
export function PortalHomePage({ me, open }: { me: MeView; open: Record<string, string> }) {
  const { t } = useTranslation(['portal', 'common']);
  const inbox = useInbox();
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
            {open[service.key] ? (
              <Link to={open[service.key]!}>
                <Card size="small" hoverable data-testid={`service-${service.key}`}>
                  <div style={{ fontSize: 26, color: '#0f5fa8' }}>{service.icon}</div>
                  <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.88)' }}>{t(`services.${service.key}`)}</div>
                </Card>
              </Link>
            ) : (
              <Badge.Ribbon text={t('home.comingSoon')} color="gray">
                <Card size="small" style={{ opacity: 0.75 }} data-testid={`service-${service.key}`}>
                  <div style={{ fontSize: 26, color: '#0f5fa8' }}>{service.icon}</div>
                  <div style={{ marginTop: 6 }}>{t(`services.${service.key}`)}</div>
                </Card>
              </Badge.Ribbon>
            )}
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>{t('home.messages')}</Typography.Title>
      <Card size="small" data-testid="inbox">
        <List
          size="small"
          loading={inbox.isLoading}
          dataSource={inbox.data?.items ?? []}
          locale={{ emptyText: t('home.noMessages') }}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <List.Item.Meta title={<span style={{ fontWeight: 400 }}>{m.body.replace(/^【安居】/, '')}</span>} description={dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')} />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
