import { App, Button, Card, Checkbox, Descriptions, Input, List, Modal, Popconfirm, Progress, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ObjectionView } from '@shared/points/application.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAnswerObjection, useObjections, useRoundRanking, useRoundStep } from '../api';
import { useLang } from '../components/ScoreResult';
import { ApplicationStatusTag } from '../components/tags';

type Line = NonNullable<ReturnType<typeof useRoundRanking>['data']>['items'][number];
const STEPS = ['close', 'rank', 'shortlist', 'publish', 'finalize'] as const;

function AnswerModal({ objection, onClose }: { objection: ObjectionView; onClose: () => void }) {
  const { t } = useTranslation('points');
  const answer = useAnswerObjection();
  const [text, setText] = useState('');
  const [cancel, setCancel] = useState(false);
  const submit = (action: 'uphold' | 'dismiss') => answer.mutate({ id: objection.id, action, answer: text, ...(action === 'uphold' && cancel ? { cancel: true } : {}) }, { onSuccess: onClose });
  return (
    <Modal open title={`${t('round.objections')} · ${objection.applicationNumber}`} onCancel={onClose} destroyOnHidden footer={[
      <Button key="dismiss" onClick={() => submit('dismiss')} loading={answer.isPending} disabled={text.trim().length < 5}>{t('round.dismiss')}</Button>,
      <Button key="uphold" type="primary" danger onClick={() => submit('uphold')} loading={answer.isPending} disabled={text.trim().length < 5}>{t('round.uphold')}</Button>,
    ]}>
      <ErrorAlert error={answer.error} />
      <Typography.Paragraph>{objection.text}</Typography.Paragraph>
      <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('round.answer')} aria-label={t('round.answer')} maxLength={2000} />
      <Checkbox style={{ marginTop: 8 }} checked={cancel} onChange={(e) => setCancel(e.target.checked)}>{t('round.cancelApplication')}</Checkbox>
    </Modal>
  );
}

/** One round: its steps (close, rank, shortlist for verification, publish, final list), the ranking with joint ranks and the line, and objections. */
export function RoundPage({ canManage }: { canManage: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['points', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [admittedOnly, setAdmittedOnly] = useState(false);
  const ranking = useRoundRanking(id, { page, pageSize: 50, ...(admittedOnly ? { admitted: 'true' as const } : {}) });
  const objections = useObjections(id);
  const step = useRoundStep(id);
  const [answering, setAnswering] = useState<ObjectionView | null>(null);
  if (ranking.isLoading) return <Skeleton active />;
  if (!ranking.data) return <ErrorAlert error={ranking.error} />;
  const r = ranking.data.round;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Space>{r.name}<Tag data-testid="round-status">{t(`round.status.${r.status}`)}</Tag></Space>}
        extra={canManage && (
          <Space wrap>
            {STEPS.filter((s) => r.actions.includes(s)).map((s) => (
              <Popconfirm key={s} title={t(`round.step.${s}`)} description={s === 'shortlist' ? t('round.shortlistHint', { n: ranking.data.admitted }) : undefined} onConfirm={() => step.mutate(s, { onSuccess: () => void message.success(t('round.stepDone', { action: t(`round.step.${s}`) })) })}>
                <Button type={s === 'close' ? 'default' : 'primary'} loading={step.isPending && step.variables === s} data-testid={`round-${s}`}>{t(`round.step.${s}`)}</Button>
              </Popconfirm>
            ))}
          </Space>
        )}>
        <ErrorAlert error={step.error} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('rounds.pack')}>{`${r.pack.name[lang]} v${r.pack.version}`}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.quota')}>{r.quota}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.window')}>{`${r.opensOn} → ${r.closesOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.counts')} span={2}>{Object.entries(r.counts).map(([s, n]) => <Tag key={s}>{t(`appStatus.${s}`)} {n}</Tag>)}</Descriptions.Item>
          {r.notices && (
            <Descriptions.Item label={t('round.notices')}>
              <Space data-testid="round-notices">
                {r.notices.done ? t('round.noticesDone', { n: r.notices.sent }) : t('round.noticesSending', { sent: r.notices.sent, total: r.notices.total })}
                {!r.notices.done && <Progress size="small" style={{ width: 120 }} percent={r.notices.total ? Math.floor((r.notices.sent / r.notices.total) * 100) : 0} />}
              </Space>
            </Descriptions.Item>
          )}
          {r.publishedFrom && <Descriptions.Item label={t('round.publicPage')}><Link to={`/points/publication/${r.id}`} target="_blank">{t('round.publication', { from: r.publishedFrom, until: r.publishedUntil })}</Link></Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('round.ranking')} extra={<Space><Switch checked={admittedOnly} onChange={(v) => { setAdmittedOnly(v); setPage(1); }} aria-label={t('round.admittedOnly')} />{t('round.admittedOnly')}</Space>}>
        {ranking.data.cutRank !== null && (
          <Typography.Paragraph data-testid="ranking-cut">
            {t('round.cut', { admitted: ranking.data.admitted, cut: ranking.data.cutRank })}{ranking.data.straddling > 0 && <Tag color="orange" style={{ marginLeft: 8 }}>{t('round.straddling', { n: ranking.data.straddling })}</Tag>}
          </Typography.Paragraph>
        )}
        <Table<Line>
          size="small" rowKey="applicationId" dataSource={ranking.data.items} scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 50, total: ranking.data.total, onChange: setPage }}
          columns={[
            { title: t('round.position'), dataIndex: 'position', width: 60 },
            { title: t('round.rank'), key: 'rank', width: 120, render: (_, l) => <Space size={4}>{l.rank}{l.tieSize > 1 && <Tag>{t('round.joint', { n: l.tieSize })}</Tag>}</Space> },
            { title: t('applications.number'), key: 'number', width: 140, render: (_, l) => <Link to={`/points/applications/${l.applicationId}`}>{l.number}</Link> },
            { title: t('applications.name'), key: 'name', render: (_, l) => <Space direction="vertical" size={0}><span>{l.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.idNumber}</Typography.Text></Space> },
            { title: t('applications.ranking'), dataIndex: 'rankingScore', width: 80, align: 'right' },
            { title: t('round.ties'), key: 'ties', width: 110, render: (_, l) => l.tieBreakValues.filter((v) => v !== null).join(' / ') },
            { title: '', key: 'admitted', width: 90, render: (_, l) => (l.admitted ? <Tag color="success">{t('round.admitted')}</Tag> : <Tag>{t('round.notAdmitted')}</Tag>) },
            { title: t('applications.status'), key: 'status', width: 130, render: (_, l) => <ApplicationStatusTag status={l.status} /> },
            { title: t('round.verifyDue'), dataIndex: 'verifyDue', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('round.card'), dataIndex: 'cardNumber', width: 140, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={t('round.objections')}>
        <List dataSource={objections.data?.items ?? []} locale={{ emptyText: t('round.noObjections') }} renderItem={(o) => (
          <List.Item data-testid={`objection-${o.applicationNumber}`} actions={o.status === 'open' && canManage ? [<Button key="answer" size="small" type="primary" onClick={() => setAnswering(o)}>{t('round.answer')}</Button>] : []}>
            <List.Item.Meta
              title={<Space><Link to={`/points/applications/${o.applicationId}`}>{o.applicationNumber}</Link>{o.applicantName}<Tag color={o.status === 'open' ? 'processing' : o.status === 'upheld' ? 'error' : 'default'}>{t(`round.objectionStatus.${o.status}`)}</Tag><Typography.Text type="secondary">{o.filedOn}</Typography.Text></Space>}
              description={<Space direction="vertical" size={0}><span>{o.text}</span>{o.answer && <Typography.Text type="success">{t('round.answer')}：{o.answer}</Typography.Text>}{(o.contactName || o.contactPhone) && <Typography.Text type="secondary">{t('round.objector')}：{[o.contactName, o.contactPhone].filter(Boolean).join(' ')}</Typography.Text>}</Space>}
            />
          </List.Item>
        )} />
      </Card>
      {answering && <AnswerModal objection={answering} onClose={() => setAnswering(null)} />}
    </Space>
  );
}
