import { App, Button, Card, Drawer, Input, List, Radio, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TaskView } from '@shared/points/application.schema';
import { valueText } from '@shared/points/engine';
import type { PackBody } from '@shared/points/pack.schema';
import { DEPARTMENTS } from '@shared/permissions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApplication, useStartTask, useTaskAction, useTasks } from '../api';
import { FactInput } from '../components/FactInput';
import { useLang } from '../components/ScoreResult';
import { Countdown, TaskStatusTag } from '../components/tags';

type Item = TaskView & { applicationId: string; applicationNumber: string; name: string; divisionCode: string };
type Result = { outcome?: 'confirmed' | 'corrected' | 'returned'; value?: unknown; reason?: string };

/** One task worked in a drawer: each fact's declared value and proof, and the reviewer's result for it. */
function ReviewDrawer({ task, onClose }: { task: Item; onClose: () => void }) {
  const { t } = useTranslation(['points', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const view = useApplication(task.applicationId);
  const act = useTaskAction(task.id);
  const [results, setResults] = useState<Record<string, Result>>({});
  const body = view.data?.body as PackBody | undefined;
  const set = (fact: string, change: Result) => setResults((r) => ({ ...r, [fact]: { ...r[fact], ...change } }));
  return (
    <Drawer open width={560} title={`${task.applicationNumber} · ${task.name}`} onClose={onClose} destroyOnHidden
      extra={<Button type="primary" loading={act.isPending} data-testid="submit-review"
        onClick={() => act.mutate({ action: 'complete', results: Object.fromEntries(Object.entries(results).filter(([, r]) => r.outcome).map(([fact, r]) => [fact, { outcome: r.outcome!, ...(r.outcome === 'corrected' ? { value: r.value } : {}), ...(r.reason ? { reason: r.reason } : {}) }])) },
          { onSuccess: () => { void message.success(t('tasks.done')); onClose(); } })}>{t('tasks.submit')}</Button>}>
      <ErrorAlert error={view.error ?? act.error} />
      {!view.data || !body ? <Skeleton active /> : (
        <List dataSource={task.facts} renderItem={(id) => {
          const def = body.facts.find((f) => f.id === id)!;
          const stored = view.data.facts[id];
          const result = results[id] ?? {};
          return (
            <List.Item data-testid={`review-${id}`} style={{ display: 'block' }}>
              <Typography.Text strong>{def.label[lang]}</Typography.Text>
              {def.pledge && <Tag color="gold" style={{ marginLeft: 8 }}>{t('pack.pledge')}</Tag>}
              <div style={{ margin: '4px 0' }}>
                {t('tasks.declared')}：{valueText(def, (stored?.value ?? null) as never)[lang]}
                {(stored?.evidence ?? []).map((file, i) => <a key={file} style={{ marginLeft: 8 }} href={`/api/points/applications/${task.applicationId}/files/${file}`} target="_blank" rel="noreferrer">{t('tasks.openEvidence')} {i + 1}</a>)}
              </div>
              <Radio.Group optionType="button" value={result.outcome} onChange={(e) => set(id, { outcome: e.target.value })} aria-label={`${def.label[lang]} ${t('tasks.outcome')}`}
                options={(['confirmed', 'corrected', 'returned'] as const).map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
              {result.outcome === 'corrected' && (
                <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('tasks.correctTo')}</Typography.Text>
                  <FactInput fact={def} value={result.value} onChange={(value) => set(id, { value })} lang={lang} year={new Date().getFullYear() - 1} /></div>
              )}
              {(result.outcome === 'corrected' || result.outcome === 'returned') && (
                <Input.TextArea style={{ marginTop: 8 }} rows={2} maxLength={300} placeholder={t('tasks.reason')} aria-label={`${def.label[lang]} ${t('tasks.reason')}`} value={result.reason} onChange={(e) => set(id, { reason: e.target.value })} />
              )}
            </List.Item>
          );
        }} />
      )}
    </Drawer>
  );
}

/** A department's review queue (并联审批); supervisors see every department and start deferred checks. */
export function TasksPage({ supervisor, department }: { supervisor: boolean; department: string | null }) {
  const { t } = useTranslation(['points', 'common']);
  const [params, setParams] = useSearchParams();
  const query = {
    department: supervisor ? (params.get('department') ?? undefined) as Item['department'] | undefined : undefined,
    status: (params.get('status') ?? undefined) as Item['status'] | undefined,
    overdue: params.get('overdue') === 'true' ? 'true' as const : undefined, q: params.get('q') ?? undefined, page: Number(params.get('page') ?? 1), pageSize: 20,
  };
  const tasks = useTasks(query);
  const [working, setWorking] = useState<Item | null>(null);
  const start = useStartTask();
  const set = (key: string, value: string | undefined) => setParams((p) => { const next = new URLSearchParams(p); if (value) next.set(key, value); else next.delete(key); next.delete('page'); return next; });
  return (
    <Card title={<Space>{t('tasks.title')}{department && <Tag>{t(`common:departments.${department}`)}</Tag>}{(tasks.data?.overdue ?? 0) > 0 && <Tag color="error" data-testid="overdue-count">{t('tasks.overdue', { n: tasks.data!.overdue })}</Tag>}</Space>}>
      <Typography.Paragraph type="secondary">{t('tasks.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {supervisor && <Select allowClear placeholder={t('tasks.all')} style={{ width: 200 }} value={query.department} onChange={(v) => set('department', v)} options={DEPARTMENTS.map((d) => ({ value: d, label: t(`common:departments.${d}`) }))} aria-label={t('tasks.department')} />}
        <Select allowClear placeholder={t('applications.status')} style={{ width: 140 }} value={query.status} onChange={(v) => set('status', v)} options={(['open', 'returned', 'deferred', 'done'] as const).map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))} aria-label={t('applications.status')} />
        <Input.Search allowClear placeholder={t('applications.number')} defaultValue={query.q} onSearch={(v) => set('q', v || undefined)} style={{ width: 200 }} aria-label={t('applications.number')} />
        <Space><Switch checked={query.overdue === 'true'} onChange={(v) => set('overdue', v ? 'true' : undefined)} aria-label={t('applications.overdueOnly')} /><Typography.Text>{t('applications.overdueOnly')}</Typography.Text></Space>
      </Space>
      <ErrorAlert error={tasks.error ?? start.error} />
      <Table<Item>
        rowKey="id" size="middle" loading={tasks.isLoading} dataSource={tasks.data?.items ?? []}
        pagination={{ current: query.page, pageSize: 20, total: tasks.data?.total ?? 0, onChange: (page) => setParams((p) => { const next = new URLSearchParams(p); next.set('page', String(page)); return next; }) }}
        columns={[
          { title: t('applications.number'), key: 'number', width: 150, render: (_, task) => <Link to={`/points/applications/${task.applicationId}`}>{task.applicationNumber}</Link> },
          { title: t('applications.name'), dataIndex: 'name', width: 110 },
          { title: t('tasks.department'), key: 'department', width: 170, render: (_, task) => `${t(`common:departments.${task.department}`)} · ${t(`taskKind.${task.kind}`)}` },
          { title: t('applications.status'), key: 'status', width: 100, render: (_, task) => <TaskStatusTag status={task.status} /> },
          { title: t('applications.due'), key: 'due', width: 200, render: (_, task) => <Space size={4}><span>{task.dueOn}</span><Countdown daysLeft={task.daysLeft} overdue={task.overdue} done={task.status !== 'open'} /></Space> },
          { title: '', key: 'act', width: 150, render: (_, task) => (
            task.status === 'open' && task.department === department
              ? <Button size="small" type="primary" onClick={() => setWorking(task)} data-testid={`review-${task.applicationNumber}`}>{t('tasks.review')}</Button>
              : task.status === 'deferred' && supervisor
                ? <Button size="small" loading={start.isPending && start.variables === task.id} onClick={() => start.mutate(task.id)}>{t('tasks.start')}</Button>
                : null
          ) },
        ]}
      />
      {working && <ReviewDrawer task={working} onClose={() => setWorking(null)} />}
    </Card>
  );
}
