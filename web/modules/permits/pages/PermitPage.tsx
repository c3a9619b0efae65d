import { App, Button, Card, Col, Descriptions, Form, Image, Input, Modal, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePermit, usePermitAction } from '../api';
import { ReplacementsCard } from '../components/ReplacementsCard';
import { PermitStatusTag } from '../components/tags';
import { HistoryTable } from './ApplicationPage';

type Ending = 'cancel' | 'revoke' | null;

/** One permit: what it states, its year and endorsement window, its history and the actions open now. */
export function PermitPage({ canRequest }: { canRequest: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['permits', 'common']);
  const { message } = App.useApp();
  const permit = usePermit(id);
  const act = usePermitAction(id);
  const [ending, setEnding] = useState<Ending>(null);
  const [form] = Form.useForm<{ reason: 'left_city' | 'local_hukou' | 'fraud' | 'other'; note?: string }>();
  if (permit.error) return <ErrorAlert error={permit.error} />;
  if (!permit.data) return <Skeleton active />;
  const p = permit.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space>{t('permit.title', { number: p.number })}<PermitStatusTag status={p.status} /></Space>}
        extra={
          <Space>
            {p.actions.includes('endorse') && (
              <Button type="primary" disabled={p.endorsable === 'early'} loading={act.isPending} onClick={() => act.mutate({ action: 'endorse' }, { onSuccess: (v) => void message.success(t('permit.endorseDone', { date: v.validUntil })) })}>
                {t('actions.endorse')}
              </Button>
            )}
            {p.actions.includes('cancel') && <Button onClick={() => { form.resetFields(); setEnding('cancel'); }}>{t('actions.cancel')}</Button>}
            {p.actions.includes('revoke') && <Button danger onClick={() => { form.resetFields(); setEnding('revoke'); }}>{t('actions.revoke')}</Button>}
          </Space>
        }
      >
        <ErrorAlert error={act.error} />
        <Row gutter={24}>
          <Col xs={24} lg={17}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('fields.name')}><Link to={`/registry/persons/${p.personId}`}>{p.name}</Link></Descriptions.Item>
              <Descriptions.Item label={t('fields.idNumber')}>{p.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('fields.sex')}>{t(`sex.${p.sex}`)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.birthDate')}>{p.birthDate}</Descriptions.Item>
              <Descriptions.Item label={t('fields.address')} span={2}>{p.address}</Descriptions.Item>
              <Descriptions.Item label={t('fields.issuedOn')}>{p.issuedOn}</Descriptions.Item>
              <Descriptions.Item label={t('fields.validUntil')}>{p.validUntil}</Descriptions.Item>
              <Descriptions.Item label={t('fields.windowOpensOn')}>{p.windowOpensOn}</Descriptions.Item>
              <Descriptions.Item label={t('fields.runSince')}>{`${p.runSince}（${t('fields.endorsedYears')} ${p.endorsedYears}）`}</Descriptions.Item>
              <Descriptions.Item label={t('fields.residenceSince')}>{p.residenceSince}</Descriptions.Item>
              {p.suspendedOn && <Descriptions.Item label={t('fields.suspendedOn')}>{p.suspendedOn}</Descriptions.Item>}
              {p.endedOn && <Descriptions.Item label={t('fields.endedOn')}>{`${p.endedOn} · ${p.endReason ?? ''}`}</Descriptions.Item>}
              {p.endorsable && <Descriptions.Item label={t('fields.status')}>{t(`endorsable.${p.endorsable}`)}</Descriptions.Item>}
            </Descriptions>
          </Col>
          <Col xs={24} lg={7} style={{ textAlign: 'center' }}>
            {p.qrPng && <Image src={p.qrPng} width={160} preview={false} alt="QR" />}
            {p.verifyUrl && <Typography.Paragraph copyable={{ text: p.verifyUrl }} type="secondary" style={{ fontSize: 12 }}>{t('permit.verifyLink')}</Typography.Paragraph>}
          </Col>
        </Row>
      </Card>
      <ReplacementsCard permitId={p.id} rows={p.replacements} side="staff" canRequest={canRequest && (p.status === 'valid' || p.status === 'suspended')} />
      <Card title={t('fields.history')} size="small"><HistoryTable rows={p.history} ns="actions" /></Card>
      <Modal
        open={ending !== null}
        title={t('permit.cancelTitle')}
        okText={ending ? t(`actions.${ending}`) : ''}
        okButtonProps={{ danger: true, loading: act.isPending }}
        onCancel={() => setEnding(null)}
        onOk={() => void form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ reason: ending === 'revoke' ? 'fraud' : 'left_city' }} onFinish={(v) => act.mutate({ action: ending!, reason: v.reason, ...(v.note ? { note: v.note } : {}) }, { onSuccess: () => setEnding(null) })}>
          <Form.Item name="reason" label={t('fields.endReason')} rules={[{ required: true }]}>
            <Select options={(['left_city', 'local_hukou', 'fraud', 'other'] as const).map((r) => ({ value: r, label: t(`reason.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('fields.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
