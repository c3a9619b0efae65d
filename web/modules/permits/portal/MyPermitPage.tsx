import { Alert, App, Button, Card, Empty, Modal, Skeleton, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requiredEvidence, type ApplicationView, type PermitView } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApplicationAction, useEndorseMine, useMyPermits } from '../api';
import { evidenceOf, MaterialsField, type Materials } from '../components/MaterialsField';
import { ReplacementsCard } from '../components/ReplacementsCard';
import { ApplicationStatusTag, PermitStatusTag } from '../components/tags';

/** The electronic permit as a card: the permit's contents, its state and the QR code anyone can check. */
function ElectronicPermit({ permit }: { permit: PermitView }) {
  const { t } = useTranslation('permits');
  const { message } = App.useApp();
  const endorse = useEndorseMine();
  const canEndorse = permit.actions.includes('endorse_online') && (permit.endorsable === 'on_time' || permit.endorsable === 'late');
  return (
    <Card
      data-testid="e-permit"
      style={{ background: 'linear-gradient(135deg, #0f5fa8 0%, #3a86c8 100%)', color: '#fff', borderRadius: 14 }}
      styles={{ body: { padding: 18 } }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <div style={{ fontSize: 13, opacity: 0.85 }}>{t('portal.myPermit')}</div>
          <div style={{ fontSize: 22, fontWeight: 700, margin: '6px 0' }}>{permit.name}</div>
          <div style={{ fontSize: 13, opacity: 0.9 }}>{permit.number}</div>
        </div>
        <PermitStatusTag status={permit.status} />
      </Space>
      <div style={{ fontSize: 13, marginTop: 10, lineHeight: 1.8 }}>
        <div>{`${t('fields.idNumber')}：${permit.idNumber}`}</div>
        <div>{`${t('fields.address')}：${permit.address ?? ''}`}</div>
        <div>{`${t('fields.validUntil')}：${permit.validUntil}`}</div>
      </div>
      {permit.qrPng && (
        <div style={{ background: '#fff', borderRadius: 10, padding: 10, marginTop: 12, textAlign: 'center' }}>
          <img src={permit.qrPng} alt="QR" style={{ width: 180, height: 180 }} />
          <div style={{ color: '#666', fontSize: 12 }}>{t('portal.scanToVerify')}</div>
        </div>
      )}
      {permit.endorsable && permit.status !== 'cancelled' && (
        <Typography.Paragraph style={{ color: '#fff', marginTop: 10, marginBottom: 8 }}>{t('portal.endorseHint', { opens: permit.windowOpensOn, until: permit.validUntil })}</Typography.Paragraph>
      )}
      <ErrorAlert error={endorse.error} />
      {canEndorse && (
        <Button block size="large" loading={endorse.isPending} onClick={() => endorse.mutate(permit.id, { onSuccess: (v) => void message.success(t('permit.endorseDone', { date: v.validUntil })) })} data-testid="endorse">
          {t('portal.endorseNow')}
        </Button>
      )}
    </Card>
  );
}

const STEP = { submitted: 0, returned: 0, accepted: 1, issued: 2, refused: 1, withdrawn: 0 } as const;

function ApplicationCard({ application }: { application: ApplicationView }) {
  const { t } = useTranslation('permits');
  const act = useApplicationAction(application.id, 'applicant');
  const [resubmitting, setResubmitting] = useState(false);
  const [materials, setMaterials] = useState<Materials>({});
  const kinds = requiredEvidence(application.basis, Boolean(application.proxy));
  const failed = application.status === 'refused' || application.status === 'withdrawn';
  return (
    <Card size="small" title={<Space>{application.number}<ApplicationStatusTag status={application.status} /></Space>} data-testid="my-application">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{`${application.name} · ${t(`basis.${application.basis}`)} · ${application.submittedOn}`}</Typography.Paragraph>
      <Steps
        size="small"
        current={STEP[application.status]}
        status={failed ? 'error' : application.status === 'issued' ? 'finish' : 'process'}
        items={[{ title: t('portal.steps.submitted') }, { title: t('portal.steps.accepted'), description: application.dueOn ? `${t('fields.dueOn')} ${application.dueOn}` : undefined }, { title: t('portal.steps.issued') }]}
      />
      {application.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          message={t('portal.returnedNotice', { items: application.missing.map((k) => t(`evidence.${k}`)).join('、') || '—' })}
          description={application.note}
          action={<Button size="small" type="primary" onClick={() => setResubmitting(true)}>{t('portal.resubmit')}</Button>}
        />
      )}
      {application.status === 'refused' && application.note && <Alert type="error" style={{ marginTop: 12 }} message={application.note} />}
      {application.actions.includes('withdraw') && (
        <Button size="small" style={{ marginTop: 12 }} loading={act.isPending} onClick={() => act.mutate({ action: 'withdraw' })}>{t('actions.withdraw')}</Button>
      )}
      <Modal
        open={resubmitting}
        title={t('portal.resubmit')}
        okText={t('actions.resubmit')}
        okButtonProps={{ loading: act.isPending }}
        onCancel={() => setResubmitting(false)}
        onOk={() => act.mutate({ action: 'resubmit', evidence: evidenceOf(materials) }, { onSuccess: () => setResubmitting(false) })}
        destroyOnHidden
      >
        <ErrorAlert error={act.error} />
        <MaterialsField kinds={kinds} value={materials} onChange={setMaterials} missing={application.missing} />
      </Modal>
    </Card>
  );
}

/** The resident's residence permit: the electronic permit, endorsement, and their applications step by step. */
export function MyPermitPage() {
  const { t } = useTranslation('permits');
  const mine = useMyPermits();
  if (mine.error) return <ErrorAlert error={mine.error} />;
  if (!mine.data) return <Skeleton active />;
  const inForce = mine.data.permits.filter((p) => p.status === 'valid' || p.status === 'suspended');
  const open = mine.data.applications.some((a) => ['submitted', 'accepted', 'returned'].includes(a.status));
  return (
    <Space direction="vertical" size={14} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('portal.title')}</Typography.Title>
      {inForce.map((p) => (
        <Space key={p.id} direction="vertical" size={10} style={{ width: '100%' }}>
          <ElectronicPermit permit={p} />
          <ReplacementsCard permitId={p.id} rows={p.replacements} side="holder" canRequest />
        </Space>
      ))}
      {inForce.length === 0 && !open && <Empty description={t('portal.none')} />}
      {!open && <Link to="/portal/permit/apply"><Button type="primary" size="large" block data-testid="apply">{t('portal.apply')}</Button></Link>}
      {mine.data.applications.length > 0 && <Typography.Text strong>{t('portal.myApplications')}</Typography.Text>}
      {mine.data.applications.map((a) => <ApplicationCard key={a.id} application={a} />)}
    </Space>
  );
}
