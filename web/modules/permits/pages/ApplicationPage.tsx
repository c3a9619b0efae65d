import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EVIDENCE_KINDS, type ApplicationView, type EvidenceKind } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApplication, useApplicationAction } from '../api';
import { ApplicationStatusTag, DueTag } from '../components/tags';

type Asking = 'return' | 'refuse' | null;

/** History rows of an application or a permit: what was done, when, by whom, with what note. */
export function HistoryTable({ rows, ns }: { rows: ApplicationView['history']; ns: 'actions' }) {
  const { t } = useTranslation('permits');
  return (
    <Table
      rowKey={(h) => `${h.at}-${h.action}`}
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('fields.at'), key: 'at', width: 170, render: (_, h) => dayjs(h.at).format('YYYY-MM-DD HH:mm') },
        { title: t('fields.action'), key: 'action', width: 140, render: (_, h) => t(`${ns}.${h.action}`) },
        { title: t('fields.by'), dataIndex: 'by', width: 140, render: (by: string | null) => by ?? '—' },
        { title: t('fields.details'), dataIndex: 'details', render: (d: string | null) => d ?? '' },
      ]}
    />
  );
}

/** One application: the registry facts it rests on, its materials, its history, and the review steps open now. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['permits', 'common']);
  const { message } = App.useApp();
  const application = useApplication(id);
  const act = useApplicationAction(id, 'staff');
  const [asking, setAsking] = useState<Asking>(null);
  const [form] = Form.useForm<{ missing?: EvidenceKind[]; note?: string }>();
  if (application.error) return <ErrorAlert error={application.error} />;
  if (!application.data) return <Skeleton active />;
  const a = application.data;
  const done = (key: string) => () => { void message.success(t(`actions.${key}`)); setAsking(null); };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space>{t('application.title', { number: a.number })}<ApplicationStatusTag status={a.status} /></Space>}
        extra={
          <Space wrap>
            {a.actions.includes('accept') && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'accept' }, { onSuccess: done('accept') })}>{t('actions.accept')}</Button>}
            {a.actions.includes('issue') && (
              <Popconfirm title={t('application.confirmIssue', { name: a.name })} onConfirm={() => act.mutate({ action: 'issue' }, { onSuccess: done('issue') })}>
                <Button type="primary" loading={act.isPending}>{t('actions.issue')}</Button>
              </Popconfirm>
            )}
            {a.actions.includes('return') && <Button onClick={() => { form.resetFields(); setAsking('return'); }}>{t('actions.return')}</Button>}
            {a.actions.includes('refuse') && <Button danger onClick={() => { form.resetFields(); setAsking('refuse'); }}>{t('actions.refuse')}</Button>}
          </Space>
        }
      >
        <ErrorAlert error={act.error} />
        {a.permitId && (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} message={<Link to={`/permits/permits/${a.permitId}`}>{`${t('fields.permitNumber')} ${a.permitNumber ?? ''}`}</Link>} />
        )}
        {a.status === 'returned' && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('fields.missing')} description={[a.missing.map((k) => t(`evidence.${k}`)).join('、'), a.note].filter(Boolean).join('；')} />
        )}
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('fields.name')}>{a.name}</Descriptions.Item>
          <Descriptions.Item label={t('fields.idNumber')}>{a.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('fields.phone')}>{a.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.address')}>{a.address}</Descriptions.Item>
          <Descriptions.Item label={t('fields.division')}>{a.divisionPath.join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('fields.channel')}>{t(`channel.${a.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.registeredSince')}>{a.registeredSince}</Descriptions.Item>
          <Descriptions.Item label={t('fields.eligibleFrom')}>{a.eligibleFrom}</Descriptions.Item>
          <Descriptions.Item label={t('fields.basis')}>{`${t(`basis.${a.basis}`)}：${a.basisDetail}`}</Descriptions.Item>
          <Descriptions.Item label={t('fields.submittedOn')}>{a.submittedOn}</Descriptions.Item>
          <Descriptions.Item label={t('fields.acceptedOn')}>{a.acceptedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.dueOn')}><Space>{a.dueOn ?? '—'}<DueTag item={a} /></Space></Descriptions.Item>
          {a.proxy && <Descriptions.Item label={t('fields.proxy')}>{`${a.proxy.name}（${a.proxy.idNumber}）· ${t(`proxyRelation.${a.proxy.relation}`)} · ${t(`proxyReason.${a.proxy.reason}`)}`}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('fields.evidence')} size="small">
        {a.evidence.length === 0 ? <Typography.Text type="secondary">{t('application.noMaterials')}</Typography.Text> : (
          <Space direction="vertical">
            {a.evidence.map((e) => (
              <Space key={`${e.kind}-${e.fileId}`}>
                <Typography.Text strong>{t(`evidence.${e.kind}`)}</Typography.Text>
                <a href={`/api/permits/applications/${a.id}/files/${e.fileId}`} target="_blank" rel="noreferrer">{`${e.name}（${Math.ceil(e.sizeBytes / 1024)} KB）`}</a>
              </Space>
            ))}
          </Space>
        )}
      </Card>
      <Card title={t('fields.history')} size="small"><HistoryTable rows={a.history} ns="actions" /></Card>
      <Modal
        open={asking !== null}
        title={asking === 'return' ? t('actions.return') : t('actions.refuse')}
        okText={asking === 'return' ? t('actions.return') : t('actions.refuse')}
        okButtonProps={{ danger: asking === 'refuse', loading: act.isPending }}
        onCancel={() => setAsking(null)}
        onOk={() => void form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => act.mutate({ action: asking!, ...(values.missing?.length ? { missing: values.missing } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}) }, { onSuccess: done(asking!) })}
        >
          {asking === 'return' && (
            <Form.Item name="missing" label={t('application.missingTitle')}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidence.${k}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('fields.note')} rules={asking === 'refuse' ? [{ required: true, whitespace: true, min: 2 }] : []}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={asking === 'refuse' ? t('application.refusePlaceholder') : t('application.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
