import { App, Button, Card, Empty, Form, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RegistrationTaskView } from '@shared/inspections/inspection.schema';
import { REGISTRATION_TASK_STATUSES, type RegistrationTaskStatus } from '@shared/inspections/inspection.workflow';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRegistrationTaskAction, useRegistrationTasks } from '../api';

const COLORS: Record<RegistrationTaskStatus, string> = { open: 'warning', done: 'success', dismissed: 'default' };

/**
 * People found living in a rental house, or seen repeatedly at a building's door, without a residence
 * registration. The worker registers them where they live (the task then closes by itself), marks it done
 * after registering elsewhere (checked against the registry), or dismisses it with the reason.
 */
export function RegistrationTasksPage({ canAct }: { canAct: boolean }) {
  const { t } = useTranslation(['inspections', 'common']);
  const [status, setStatus] = useState<RegistrationTaskStatus>('open');
  const [page, setPage] = useState(1);
  const list = useRegistrationTasks({ status, page, pageSize: 20 });
  const counts = list.data?.counts ?? {};
  return (
    <Card title={t('tasks.title')} style={{ maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">{t('tasks.hint')}</Typography.Paragraph>
      <Segmented value={status} onChange={(v) => { setStatus(v); setPage(1); }} style={{ marginBottom: 12 }}
        options={REGISTRATION_TASK_STATUSES.map((s) => ({ value: s, label: `${t(`tasks.status.${s}`)} ${counts[s] ?? 0}` }))} />
      <ErrorAlert error={list.error} />
      <List
        itemLayout="vertical" loading={list.isLoading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t(`tasks.empty.${status}`)} /> }}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage } : false}
        renderItem={(task) => <TaskItem task={task} canAct={canAct} />}
      />
    </Card>
  );
}

function TaskItem({ task, canAct }: { task: RegistrationTaskView; canAct: boolean }) {
  const { t } = useTranslation(['inspections', 'common']);
  const { message } = App.useApp();
  const act = useRegistrationTaskAction(task.id);
  // Dismissing needs the reason; so does "done" for someone recorded without an ID number (the registry cannot check it).
  const [closing, setClosing] = useState<'done' | 'dismiss' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const collect = task.buildingId ? `/registry/collect?building=${task.buildingId}${task.houseId ? `&house=${task.houseId}` : ''}` : null;
  const open = task.status === 'open';
  return (
    <List.Item
      data-testid={`reg-task-${task.name}`}
      actions={open && canAct ? [
        ...(collect ? [<Link key="register" to={collect}><Button type="primary" size="small">{t('tasks.register')}</Button></Link>] : []),
        <Button key="done" size="small" loading={act.isPending && act.variables?.action === 'done'} onClick={() => (task.idNumber ? act.mutate({ action: 'done' }, { onSuccess: () => void message.success(t('tasks.closed')) }) : setClosing('done'))}>{t('tasks.done')}</Button>,
        <Button key="dismiss" size="small" onClick={() => setClosing('dismiss')}>{t('tasks.dismiss')}</Button>,
      ] : []}
    >
      <List.Item.Meta
        title={<Space wrap>{task.name}<Tag color={COLORS[task.status]}>{t(`tasks.status.${task.status}`)}</Tag><Tag>{t(`tasks.source.${task.source}`)}</Tag></Space>}
        description={(
          <Space direction="vertical" size={2}>
            <Typography.Text>{task.address}</Typography.Text>
            <Typography.Text type="secondary">
              {[task.idNumber, task.phone, t('tasks.found', { date: dayjs(task.createdAt).format('YYYY-MM-DD') })].filter(Boolean).join(' · ')}
            </Typography.Text>
            {task.outcome && <Typography.Text type="secondary">{t('tasks.outcome')}：{task.outcome}</Typography.Text>}
            {!open && task.closedAt && <Typography.Text type="secondary">{t('tasks.closedOn', { date: dayjs(task.closedAt).format('YYYY-MM-DD') })}</Typography.Text>}
            <ErrorAlert error={act.error} />
          </Space>
        )}
      />
      <Modal open={closing !== null} title={t(closing === 'done' ? 'tasks.doneTitle' : 'tasks.dismissTitle', { name: task.name })} okText={closing === 'done' ? t('tasks.done') : t('tasks.dismiss')} confirmLoading={act.isPending} onCancel={() => setClosing(null)} destroyOnHidden
        onOk={async () => { const { reason } = await form.validateFields(); act.mutate({ action: closing!, reason }, { onSuccess: () => { setClosing(null); void message.success(t('tasks.closed')); } }); }}>
        <ErrorAlert error={act.error} />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t(closing === 'done' ? 'tasks.doneNote' : 'tasks.reason')} rules={[{ required: true, min: 2, max: 500, message: t('tasks.reasonRequired') }]}>
            <Input.TextArea rows={3} placeholder={t(closing === 'done' ? 'tasks.doneNoteHint' : 'tasks.reasonHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}
