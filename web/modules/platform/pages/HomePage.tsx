import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import { can } from '../../../lib/auth';
import { useDivisionSummary } from '../api';

export function HomePage({ me }: { me: MeView }) {
  const { t } = useTranslation(['admin', 'common']);
  const summary = useDivisionSummary();
  const levels = ['district', 'street', 'community', 'grid'] as const;
  return (
    <div>
      <Typography.Title level={3}>{t('home.welcome', { name: me.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.jurisdiction', { name: me.division?.path.join(' / ') ?? '—' })}
        {me.roles.length > 0 && ` · ${me.roles.map((role) => t(`common:roles.${role}`)).join('、')}`}
      </Typography.Paragraph>
      {can(me, 'divisions.read') && (
        <Row gutter={[16, 16]}>
          {levels.map((level) => (
            <Col xs={12} md={6} key={level}>
              <Card>
                <Statistic
                  title={t(`common:levels.${level}`)}
                  value={summary.data?.[level] ?? 0}
                  loading={summary.isLoading}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
