import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PointsApplicationView, TaskView } from '@shared/points/application.schema';
import { valueText } from '@shared/points/engine';
import type { PackBody } from '@shared/points/pack.schema';
import { useLang } from './ScoreResult';
import { Countdown, TaskStatusTag } from './tags';

type Row = { id: string; fact: PointsApplicationView['facts'][string] };

/** The facts of an application: each value in words, where it came from, whether it is verified, its proof and corrections. */
export function FactsTable({ view, fileUrl }: { view: PointsApplicationView; fileUrl?: (fileId: string) => string }) {
  const { t } = useTranslation('points');
  const lang = useLang();
  const body = view.body as PackBody;
  const defs = new Map(body.facts.map((f) => [f.id, f]));
  const rows: Row[] = body.facts.filter((f) => view.facts[f.id] !== undefined).map((f) => ({ id: f.id, fact: view.facts[f.id]! }));
  return (
    <Table<Row>
      size="small" rowKey="id" pagination={false} dataSource={rows} scroll={{ x: 640 }}
      columns={[
        { title: t('application.fact'), key: 'label', render: (_, r) => defs.get(r.id)?.label[lang] ?? r.id },
        { title: t('application.value'), key: 'value', width: 200, render: (_, r) => (
          <Space direction="vertical" size={0} data-testid={`fact-value-${r.id}`}>
            <span>{valueText(defs.get(r.id), r.fact.value as never)[lang]}</span>
            {r.fact.corrected && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('application.corrected', { from: valueText(defs.get(r.id), r.fact.corrected.from as never)[lang], reason: r.fact.corrected.reason })}</Typography.Text>}
          </Space>
        ) },
        { title: t('application.source'), key: 'source', width: 160, render: (_, r) => (
          <Space size={4}>
            <Tag>{t(`source.${r.fact.source}`)}</Tag>
            {r.fact.verified ? <CheckCircleFilled style={{ color: '#389e0d' }} title={t('application.verified')} /> : <ClockCircleOutlined style={{ color: '#d48806' }} title={t('application.unverified')} />}
          </Space>
        ) },
        { title: t('application.evidence'), key: 'evidence', width: 140, render: (_, r) => r.fact.evidence.map((id, i) => (fileUrl
          ? <a key={id} href={fileUrl(id)} target="_blank" rel="noreferrer">{t('tasks.openEvidence')} {i + 1}</a>
          : <Tag key={id}>{t('apply.uploaded')}</Tag>)) },
      ]}
    />
  );
}

/** Each department's task: state and reviewer, per-fact results, deadline with its countdown. */
export function TasksTable({ view }: { view: PointsApplicationView }) {
  const { t } = useTranslation(['points', 'common']);
  const lang = useLang();
  const body = view.body as PackBody;
  const label = (id: string) => body.facts.find((f) => f.id === id)?.label[lang] ?? id;
  return (
    <Table<TaskView>
      size="small" rowKey="id" pagination={false} dataSource={view.tasks} scroll={{ x: 560 }}
      columns={[
        { title: t('application.department'), key: 'department', width: 150, render: (_, task) => <Space direction="vertical" size={0}><span>{t(`common:departments.${task.department}`)}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`taskKind.${task.kind}`)}</Typography.Text></Space> },
        { title: `${t('applications.status')} / ${t('application.reviewer')}`, key: 'status', width: 130, render: (_, task) => (
          <Space direction="vertical" size={2}>
            <span data-testid={`task-${task.department}-${task.kind}`}><TaskStatusTag status={task.status} /></span>
            {task.reviewer && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="task-reviewer">{task.reviewer}</Typography.Text>}
          </Space>
        ) },
        { title: t('application.results'), key: 'results', render: (_, task) => (
          <Space direction="vertical" size={0}>
            {task.facts.map((fact) => {
              const result = task.results[fact];
              return <Typography.Text key={fact} style={{ fontSize: 12 }}>{label(fact)}{result ? `：${t(`outcome.${result.outcome}`)}${result.reason ? `（${result.reason}）` : ''}` : ''}</Typography.Text>;
            })}
          </Space>
        ) },
        { title: t('application.due'), key: 'due', width: 120, render: (_, task) => <Space direction="vertical" size={2}><span>{task.dueOn}</span><Countdown daysLeft={task.daysLeft} overdue={task.overdue} done={task.status !== 'open'} /></Space> },
      ]}
    />
  );
}
