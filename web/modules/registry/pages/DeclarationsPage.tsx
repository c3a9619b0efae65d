import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DECLARATION_STATUSES, type DeclarationView } from '@shared/registry/declaration.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Stacked } from '../../../components/Stacked';
import { useDeclarations, useDecideDeclaration } from '../api';

const STATUS_COLOR = { submitted: 'processing', confirmed: 'success', rejected: 'error', withdrawn: 'default' } as const;
const MATCH_COLOR = { new_person: 'blue', same_person: 'green', name_differs: 'red' } as const;

/** The queue of QR self-declarations in the caller's jurisdiction: confirm them, or reject with a reason. */
export function DeclarationsPage() {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const [status, setStatus] = useState<(typeof DECLARATION_STATUSES)[number] | 'all'>('submitted');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<DeclarationView | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const list = useDeclarations({ page, pageSize: 20, ...(status === 'all' ? {} : { status }) });
  const decide = useDecideDeclaration();

  return (
    <Card title={t('declarations.queue')}>
      <Typography.Paragraph type="secondary">{t('declarations.queueHint')}</Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(value) => { setStatus(value); setPage(1); }}
        options={[...DECLARATION_STATUSES.map((s) => ({ value: s, label: t(`declarations.statuses.${s}`) })), { value: 'all' as const, label: t('declarations.all') }]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error ?? decide.error} />
      <Table<DeclarationView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('declarations.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common:total', { count: total }) }}
        columns={[
          {
            title: t('declarations.kind'),
            key: 'kind',
            width: 110,
            render: (_, d) => <Stacked note={dayjs(d.submittedAt).format('MM-DD HH:mm')}><Tag color={d.kind === 'arrive' ? 'blue' : 'orange'}>{t(`declarations.kinds.${d.kind}`)}</Tag></Stacked>,
          },
          { title: t('persons.address'), key: 'address', render: (_, d) => <Link to={`/registry/houses/${d.houseId}`}>{`${d.address} ${d.unit}`}</Link> },
          {
            title: t('persons.name'),
            key: 'person',
            render: (_, d) => <Stacked note={d.idNumber}>{d.name}</Stacked>,
          },
          {
            title: t('declarations.date'),
            key: 'date',
            width: 150,
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <span>{d.date}{d.relation ? ` · ${t(`residence.relations.${d.relation}`)}` : ''}</span>
                {d.lateWorkdays ? <Tag color="red">{t('residence.lateDays', { count: d.lateWorkdays })}</Tag> : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('declarations.portal.deadline', { date: d.deadlineOn })}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('declarations.declarant'), key: 'declarant', width: 120, render: (_, d) => <Stacked note={d.declarantPhone}>{t(`declarations.declarants.${d.declarant}`)}</Stacked> },
          {
            title: t('declarations.match'),
            key: 'match',
            width: 140,
            render: (_, d) => (
              <Space direction="vertical" size={2}>
                {d.match && <Tag color={MATCH_COLOR[d.match]}>{t(d.kind === 'leave' && d.match === 'new_person' ? 'declarations.notRegistered' : `declarations.matches.${d.match}`)}</Tag>}
                {d.reviewNote && <Tooltip title={d.reviewNote}><Typography.Text type="warning" style={{ fontSize: 12 }}>{t('declarations.reviewNote')}</Typography.Text></Tooltip>}
              </Space>
            ),
          },
          {
            title: t('common:status'),
            key: 'status',
            width: 90,
            render: (_, d) => <Stacked note={d.rejectReason}><Tag color={STATUS_COLOR[d.status]}>{t(`declarations.statuses.${d.status}`)}</Tag></Stacked>,
          },
          {
            title: t('common:actions'),
            key: 'actions',
            width: 140,
            render: (_, d) => (
              <Space>
                {d.actions.includes('confirm') && (
                  <Button
                    size="small"
                    type="primary"
                    loading={decide.isPending && decide.variables?.id === d.id && decide.variables.action === 'confirm'}
                    onClick={() => decide.mutate({ id: d.id, action: 'confirm' }, { onSuccess: () => void message.success(t('declarations.confirmed')) })}
                  >
                    {t('declarations.confirm')}
                  </Button>
                )}
                {d.actions.includes('reject') && (
                  <Button size="small" danger onClick={() => { form.resetFields(); setRejecting(d); }}>{t('declarations.reject')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('declarations.rejectTitle')}
        okText={t('declarations.reject')}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        onCancel={() => setRejecting(null)}
        onOk={() => void form.submit()}
        destroyOnHidden
      >
        {rejecting && <Typography.Paragraph>{`${rejecting.name} · ${rejecting.address} ${rejecting.unit}`}</Typography.Paragraph>}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            rejecting && decide.mutate({ id: rejecting.id, action: 'reject', reason: values.reason }, { onSuccess: () => { void message.success(t('declarations.rejected')); setRejecting(null); } })
          }
        >
          <Form.Item name="reason" label={t('declarations.rejectReason')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
