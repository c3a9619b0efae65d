import { Alert, Button, Card, Popconfirm, Skeleton, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PackBody } from '@shared/points/pack.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMyApplicationAction, useMyApplications } from '../api';
import { FactInput } from '../components/FactInput';
import { FactsTable, TasksTable } from '../components/FactsTable';
import { ProofUpload } from '../../../components/ProofUpload';
import { ScoreResult, useLang } from '../components/ScoreResult';
import { ApplicationStatusTag } from '../components/tags';

/** One's own application step by step: submitted, each department's review, reviewed; what to correct when returned. */
export function MyApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('points');
  const lang = useLang();
  const mine = useMyApplications();
  const act = useMyApplicationAction(id);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [proof, setProof] = useState<Record<string, string[]>>({});
  if (mine.isLoading) return <Skeleton active />;
  const a = mine.data?.items.find((x) => x.id === id);
  if (!a) return <ErrorAlert error={mine.error ?? new Error('404')} />;
  const body = a.body as PackBody;
  const current = { in_review: 1, returned: 1, reviewed: 2, shortlisted: 3, verified: 4, card_issued: 5, abandoned: 3, cancelled: 2, withdrawn: 1 }[a.status];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{a.roundName} <ApplicationStatusTag status={a.status} /></Typography.Title>
      <Typography.Text type="secondary">{a.number}</Typography.Text>
      <Card size="small">
        <Steps direction="vertical" size="small" current={current} status={['returned', 'withdrawn', 'cancelled', 'abandoned'].includes(a.status) ? 'error' : a.status === 'card_issued' ? 'finish' : undefined} data-testid="progress"
          items={[
            { title: t('progress.submitted'), description: a.submittedOn },
            { title: t('progress.review'), description: `${t('progress.tasksDone', { done: a.tasks.filter((x) => x.status === 'done' && x.kind === 'review').length, total: a.tasks.filter((x) => x.kind === 'review').length })} · ${t('progress.due', { date: a.dueOn })}` },
            { title: t('progress.reviewed'), description: a.reviewedOn ?? '' },
            { title: t('progress.shortlisted'), description: a.ranking ? t('staff.rank', { rank: a.ranking.rank, joint: '' }) : '' },
            { title: t('progress.verified'), description: a.verifyDue && a.status === 'shortlisted' ? t('staff.verifyDue', { date: a.verifyDue }) : '' },
            { title: t('progress.card'), description: a.cardNumber ?? '' },
          ]} />
        {a.cancelReason && <Typography.Text type="danger">{a.cancelReason}</Typography.Text>}
      </Card>
      {a.status === 'card_issued' && a.cardNumber && <Alert type="success" showIcon data-testid="entry-card" message={t('progress.cardIssued', { number: a.cardNumber })} />}
      <ErrorAlert error={act.error} />
      {a.returned.length > 0 && (
        <Alert type="warning" showIcon message={t('application.returnedTitle')} data-testid="returned" description={
          <Space direction="vertical" style={{ width: '100%' }}>
            {a.returned.map((r) => {
              const fact = body.facts.find((f) => f.id === r.fact)!;
              return (
                <div key={r.fact} data-testid={`fix-${r.fact}`}>
                  <Typography.Text strong>{r.label[lang]}</Typography.Text>：<Typography.Text type="danger">{r.reason}</Typography.Text>
                  <div style={{ marginTop: 4 }}><FactInput fact={fact} value={answers[r.fact] ?? a.facts[r.fact]?.value} onChange={(v) => setAnswers((x) => ({ ...x, [r.fact]: v }))} lang={lang} year={new Date().getFullYear() - 1} /></div>
                  {fact.evidence && <div style={{ marginTop: 4 }}><ProofUpload buttonText={t('apply.upload')} label={fact.label[lang]} value={proof[r.fact] ?? []} onChange={(ids) => setProof((p) => ({ ...p, [r.fact]: ids }))} /></div>}
                </div>
              );
            })}
          </Space>
        } />
      )}
      <Space wrap>
        {a.actions.includes('resubmit') && (
          <Button type="primary" loading={act.isPending} data-testid="resubmit" onClick={() => act.mutate({
            action: 'resubmit',
            facts: Object.fromEntries(a.returned.map((r) => [r.fact, { value: answers[r.fact] ?? a.facts[r.fact]?.value, ...(proof[r.fact]?.length ? { evidence: proof[r.fact] } : {}) }])),
          })}>{t('progress.resubmit')}</Button>
        )}
        {a.actions.includes('withdraw') && (
          <Popconfirm title={t('progress.withdrawConfirm')} onConfirm={() => act.mutate({ action: 'withdraw' })}>
            <Button danger data-testid="withdraw">{t('progress.withdraw')}</Button>
          </Popconfirm>
        )}
      </Space>
      <ScoreResult score={a.score} compact />
      <Card size="small" title={t('application.facts')}><FactsTable view={a} /></Card>
      <Card size="small" title={t('application.tasks')}><TasksTable view={a} /></Card>
    </Space>
  );
}
