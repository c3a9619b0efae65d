import { Button, Card, Col, Descriptions, Input, Modal, Popconfirm, Row, Skeleton, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PointsApplicationView } from '@shared/points/application.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApplication, useStaffAction } from '../api';
import { FactsTable, TasksTable } from '../components/FactsTable';
import { ScoreResult } from '../components/ScoreResult';
import { ApplicationStatusTag, Countdown } from '../components/tags';

/** History of an application in words. */
export function HistoryCard({ view }: { view: PointsApplicationView }) {
  const { t } = useTranslation('points');
  return (
    <Card size="small" title={t('application.history')}>
      <Timeline items={view.history.map((h) => ({ children: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(`application.historyAction.${h.action}`, { defaultValue: h.action })}${h.actor ? ` · ${h.actor}` : ''}` }))} />
    </Card>
  );
}

/** The case page: the applicant, every fact with its source and proof, each department's result, the score explained, history. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('points');
  const view = useApplication(id);
  const act = useStaffAction(id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  if (view.isLoading) return <Skeleton active />;
  if (!view.data) return <ErrorAlert error={view.error} />;
  const a = view.data;
  const actions = (
    <Space wrap>
      {a.actions.includes('verify') && <Popconfirm title={t('staff.verify')} onConfirm={() => act.mutate({ action: 'verify' })}><Button type="primary" data-testid="staff-verify">{t('staff.verify')}</Button></Popconfirm>}
      {a.actions.includes('abandon') && <Popconfirm title={t('staff.abandon')} onConfirm={() => act.mutate({ action: 'abandon' })}><Button data-testid="staff-abandon">{t('staff.abandon')}</Button></Popconfirm>}
      {a.actions.includes('cancel') && <Button danger onClick={() => { setReason(''); setCancelling(true); }} data-testid="staff-cancel">{t('staff.cancel')}</Button>}
    </Space>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card extra={actions} title={<Space wrap><span>{a.number}</span><ApplicationStatusTag status={a.status} />{a.eligible ? <Tag color="success">{t('application.eligible')}</Tag> : <Tag color="warning">{t('application.notEligible')}</Tag>}
        {a.ranking && <Tag color={a.ranking.admitted ? 'success' : 'default'} data-testid="case-rank">{t('staff.rank', { rank: a.ranking.rank, joint: a.ranking.tieSize > 1 ? `（${t('round.joint', { n: a.ranking.tieSize })}）` : '' })}</Tag>}
        {a.verifyDue && a.status === 'shortlisted' && <Tag color="purple">{t('staff.verifyDue', { date: a.verifyDue })}</Tag>}
        {a.cardNumber && <Tag color="gold" data-testid="case-card">{t('staff.card', { number: a.cardNumber })}</Tag>}
        {a.cancelReason && <Tag color="error">{a.cancelReason}</Tag>}</Space>}>
        <ErrorAlert error={act.error} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('applications.name')}>{a.name}</Descriptions.Item>
          <Descriptions.Item label="ID">{a.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('applications.round')}>{a.roundName}</Descriptions.Item>
          <Descriptions.Item label={t('applications.total')}><span data-testid="case-total">{a.total}</span></Descriptions.Item>
          <Descriptions.Item label={t('applications.ranking')}>{a.rankingScore}</Descriptions.Item>
          <Descriptions.Item label={t('applications.due')}><Space size={4}>{a.dueOn}<Countdown daysLeft={a.daysLeft} overdue={a.overdue} done={a.status !== 'in_review'} /></Space></Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small" title={t('application.facts')}><FactsTable view={a} fileUrl={(fileId) => `/api/points/applications/${a.id}/files/${fileId}`} /></Card>
            <Card size="small" title={t('application.tasks')}><TasksTable view={a} /></Card>
            <HistoryCard view={a} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <ScoreResult score={a.score} compact />
        </Col>
      </Row>
      <Modal open={cancelling} title={t('staff.cancelTitle', { number: a.number })} onCancel={() => setCancelling(false)} okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: act.isPending }}
        onOk={() => act.mutate({ action: 'cancel', reason }, { onSuccess: () => setCancelling(false) })} destroyOnHidden>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('staff.reason')} aria-label={t('staff.reason')} maxLength={300} />
      </Modal>
    </Space>
  );
}
