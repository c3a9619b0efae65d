import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Modal, Radio, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '@shared/kernel/workdays';
import { useParams } from 'react-router';
import type { InspectionView } from '@shared/inspections/inspection.schema';
import { INSPECTION_KINDS } from '@shared/inspections/inspection.workflow';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ProofUpload } from '../../../components/ProofUpload';
import { useLang } from '../../../lib/lang';
import { useCancelInspection, useInspection, useSubmitInspection } from '../api';
import { HazardDrawer } from '../components/HazardDrawer';
import { HazardStatusTag } from '../components/tags';

type Answer = { passed?: boolean; note?: string; photos: string[] };

/** The 八查 checklist on a phone: pass or fail per item (a failure with a note or photo), occupants confirmed, sent once. */
function ChecklistForm({ inspection }: { inspection: InspectionView }) {
  const { t } = useTranslation(['inspections', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const submit = useSubmitInspection(inspection.id);
  // One key for this inspection's send: a retry after a dropped connection is the same send.
  const transactionId = useMemo(() => crypto.randomUUID(), []);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [confirmed, setConfirmed] = useState<string[]>(inspection.registered.map((o) => o.personId));
  const [unregistered, setUnregistered] = useState<{ name: string; idNumber?: string; phone?: string }[]>([]);
  const [notes, setNotes] = useState('');
  const set = (code: string, change: Partial<Answer>) => setAnswers((a) => ({ ...a, [code]: { photos: [], ...a[code], ...change } }));
  const complete = inspection.checklist.every((i) => answers[i.code]?.passed !== undefined);
  const send = () => submit.mutate({
    transactionId,
    results: inspection.checklist.map((i) => ({ code: i.code, passed: answers[i.code]!.passed!, note: answers[i.code]!.note || undefined, photos: answers[i.code]!.photos })),
    occupants: { confirmed, unregistered: unregistered.filter((u) => u.name.trim()).map((u) => ({ name: u.name.trim(), idNumber: u.idNumber?.trim() || undefined, phone: u.phone?.trim() || undefined })) },
    notes: notes.trim() || undefined,
  }, { onSuccess: () => void message.success(t('inspection.submitted')) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {inspection.hazards.length > 0 && (
        <Alert type="warning" showIcon message={t('inspection.openHazards')} description={inspection.hazards.map((h) => `${h.label[lang]}（${t(`hazardStatus.${h.status}`)}）`).join('；')} />
      )}
      <Card size="small" title={t('inspection.checklist')}>
        <List dataSource={inspection.checklist} renderItem={(item) => {
          const a = answers[item.code];
          return (
            <List.Item data-testid={`item-${item.code}`} style={{ display: 'block' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap><Typography.Text strong>{item.sort}. {item.label[lang]}</Typography.Text>{item.serious && <Tag color="red">{t('hazard.serious')}</Tag>}</Space>
                <Radio.Group optionType="button" buttonStyle="solid" value={a?.passed} onChange={(e) => set(item.code, { passed: e.target.value as boolean })}
                  options={[{ value: true, label: t('inspection.passed') }, { value: false, label: t('inspection.failed') }]} />
                {a?.passed === false && (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Input.TextArea rows={2} maxLength={500} placeholder={t('inspection.note')} aria-label={`${item.label[lang]} ${t('inspection.note')}`} value={a.note} onChange={(e) => set(item.code, { note: e.target.value })} />
                    <ProofUpload label={item.label[lang]} buttonText={t('inspection.photos')} value={a.photos} onChange={(photos) => set(item.code, { photos })} capture />
                  </Space>
                )}
              </Space>
            </List.Item>
          );
        }} />
      </Card>
      <Card size="small" title={t('inspection.occupants')}>
        <Typography.Text type="secondary">{t('inspection.registered')}</Typography.Text>
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4, margin: '8px 0' }} value={confirmed} onChange={(v) => setConfirmed(v)}
          options={inspection.registered.map((o) => ({ value: o.personId, label: `${o.name}（${o.idNumber}）` }))} />
        <Typography.Text type="secondary">{t('inspection.unregistered')}</Typography.Text>
        {unregistered.map((u, i) => (
          <Space key={i} wrap style={{ display: 'flex', marginTop: 8 }}>
            <Input placeholder={t('inspection.name')} aria-label={t('inspection.name')} value={u.name} onChange={(e) => setUnregistered((list) => list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            <Input placeholder={t('inspection.idNumber')} value={u.idNumber} onChange={(e) => setUnregistered((list) => list.map((x, j) => (j === i ? { ...x, idNumber: e.target.value } : x)))} />
            <Input placeholder={t('inspection.phone')} value={u.phone} onChange={(e) => setUnregistered((list) => list.map((x, j) => (j === i ? { ...x, phone: e.target.value } : x)))} />
          </Space>
        ))}
        <div style={{ marginTop: 8 }}><Button size="small" icon={<PlusOutlined />} onClick={() => setUnregistered((list) => [...list, { name: '' }])}>{t('inspection.addUnregistered')}</Button></div>
      </Card>
      <Input.TextArea rows={2} maxLength={1000} placeholder={t('inspection.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <ErrorAlert error={submit.error} />
      {submit.failureCount > 0 && submit.isPending && <Alert type="info" showIcon message={t('inspection.retrying')} />}
      {!complete && <Typography.Text type="secondary">{t('inspection.allAnswered')}</Typography.Text>}
      <Button type="primary" block size="large" disabled={!complete} loading={submit.isPending} onClick={send} data-testid="submit-inspection">{t('inspection.submit')}</Button>
    </Space>
  );
}

/** Cancels a one-off inspection no longer needed (a campaign's or a flag's), with the reason. */
function CancelButton({ id }: { id: string }) {
  const { t } = useTranslation(['inspections', 'common']);
  const { message } = App.useApp();
  const cancel = useCancelInspection(id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger onClick={() => { cancel.reset(); setOpen(true); }}>{t('inspection.cancel')}</Button>
      <Modal open={open} title={t('inspection.cancelTitle')} okText={t('inspection.cancel')} okButtonProps={{ danger: true, loading: cancel.isPending }} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <ErrorAlert error={cancel.error} />
        <Form form={form} layout="vertical" onFinish={({ reason }) => cancel.mutate(reason, { onSuccess: () => { setOpen(false); void message.success(t('inspection.cancelledOk')); } })}>
          <Form.Item name="reason" label={t('inspection.cancelReason')} rules={[{ required: true, min: 2, max: 500, message: t('tasks.reasonRequired') }]}>
            <Input.TextArea rows={3} placeholder={t('inspection.cancelHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One inspection: the checklist to fill in on site, or what it found, its hazards and history. */
export function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['inspections', 'common']);
  const lang = useLang();
  const inspection = useInspection(id);
  const [open, setOpen] = useState<string | null>(null);
  // What the actions table records in codes: the kind an inspection was planned as, how many items failed.
  const detail = (text: string) => {
    const failed = /^(\d+) failed$/.exec(text);
    if (failed) return t('inspection.failedItems', { count: Number(failed[1]) });
    return (INSPECTION_KINDS as readonly string[]).includes(text) ? t(`kind.${text}`) : text;
  };
  if (inspection.error) return <ErrorAlert error={inspection.error} />;
  const i = inspection.data;
  if (!i) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<Space wrap>{i.address}<Tag>{t(`kind.${i.kind}`)}</Tag><Tag color={i.status === 'done' ? 'success' : i.status === 'cancelled' ? 'default' : i.overdue ? 'error' : 'processing'} data-testid="inspection-status">{t(`status.${i.status}`)}</Tag></Space>}
        extra={i.actions.includes('cancel') && <CancelButton id={i.id} />}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('today.due', { date: '' }).trim()}>{i.dueOn}</Descriptions.Item>
          {i.doneOn && <Descriptions.Item label={t('inspection.doneOn')}>{i.doneOn}</Descriptions.Item>}
          {i.inspector && <Descriptions.Item label={t('inspection.inspector')}>{i.inspector}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {i.status === 'cancelled' && <Alert type="info" showIcon message={t('inspection.cancelled')} description={i.notes} data-testid="inspection-cancelled" />}
      {i.status === 'planned' ? <ChecklistForm inspection={i} /> : i.status === 'done' && (
        <>
          <Card size="small" title={`${t('inspection.results')} · ${t('inspection.failedItems', { count: i.failed })}`}>
            <Table rowKey="code" size="small" pagination={false} dataSource={i.results} columns={[
              { title: t('hazard.item'), key: 'label', render: (_, r) => r.label[lang] },
              { title: '', key: 'passed', width: 90, render: (_, r) => <Tag color={r.passed ? 'success' : 'error'}>{r.passed ? t('inspection.passed') : t('inspection.failed')}</Tag> },
              { title: t('inspection.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
            ]} />
          </Card>
          <Card size="small" title={t('inspection.hazards')}>
            <List dataSource={i.hazards} locale={{ emptyText: t('hazard.none') }} renderItem={(h) => (
              <List.Item data-testid={`found-${h.itemCode}`} actions={[<Button key="open" size="small" onClick={() => setOpen(h.id)}>{t('common:actions')}</Button>]}>
                <Space wrap>{h.label[lang]}<HazardStatusTag status={h.status} />{t('hazard.deadline')} {h.deadlineOn}</Space>
              </List.Item>
            )} />
          </Card>
          <Card size="small" title={t('inspection.occupants')}>
            <Space wrap>{i.occupants.map((o, n) => <Tag key={n} color={o.registered ? 'success' : 'warning'}>{o.name}{o.registered ? '' : `（${t('inspection.unregistered')}）`}</Tag>)}</Space>
          </Card>
        </>
      )}
      <Card size="small" title={t('inspection.history')}>
        <Timeline items={i.history.map((e) => ({ children: `${chinaDate(new Date(e.at))} · ${t(`status.${e.to}`, { defaultValue: e.to })}${e.by ? ` · ${e.by}` : ''}${e.details ? ` · ${detail(e.details)}` : ''}` }))} />
      </Card>
      <HazardDrawer side="staff" id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
