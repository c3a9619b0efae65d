import { App, Button, Card, Empty, List, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDecideDeclaration, useMyDeclarations } from '../api';

const STATUS_COLOR = { submitted: 'processing', confirmed: 'success', rejected: 'error', withdrawn: 'default' } as const;

/** A resident's or landlord's own declarations, with their outcome, and how to make one. */
export function MyDeclarationsPage() {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const mine = useMyDeclarations();
  const decide = useDecideDeclaration();
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('declarations.portal.mine')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('declarations.portal.howTo')}</Typography.Paragraph>
      <ErrorAlert error={mine.error ?? decide.error} />
      {mine.isLoading ? (
        <Skeleton active />
      ) : (mine.data?.items.length ?? 0) === 0 ? (
        <Card><Empty description={t('declarations.portal.mineEmpty')} /></Card>
      ) : (
        <List
          dataSource={mine.data?.items ?? []}
          renderItem={(d) => (
            <Card size="small" style={{ marginBottom: 10 }} data-testid="my-declaration">
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Space>
                  <Tag color={d.kind === 'arrive' ? 'blue' : 'orange'}>{t(`declarations.kinds.${d.kind}`)}</Tag>
                  <Typography.Text strong>{d.name}</Typography.Text>
                </Space>
                <Tag color={STATUS_COLOR[d.status]}>{t(`declarations.statuses.${d.status}`)}</Tag>
              </Space>
              <div style={{ marginTop: 6 }}>{`${d.address} ${d.unit}`}</div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {`${d.kind === 'arrive' ? t('declarations.portal.arrivedOn') : t('declarations.portal.leftOn')} ${d.date} · ${t('declarations.submittedOn')} ${d.submittedOn}`}
              </Typography.Text>
              {d.rejectReason && <Typography.Paragraph type="danger" style={{ margin: '6px 0 0' }}>{t('declarations.portal.reason', { reason: d.rejectReason })}</Typography.Paragraph>}
              {d.actions.includes('withdraw') && (
                <div style={{ textAlign: 'right', marginTop: 6 }}>
                  <Popconfirm title={t('declarations.portal.withdrawConfirm')} onConfirm={() => decide.mutate({ id: d.id, action: 'withdraw' }, { onSuccess: () => void message.success(t('declarations.portal.withdrawn')) })}>
                    <Button size="small">{t('declarations.portal.withdraw')}</Button>
                  </Popconfirm>
                </div>
              )}
            </Card>
          )}
        />
      )}
    </div>
  );
}
