import { App, Button, Card, Col, DatePicker, Descriptions, Input, InputNumber, List, Modal, Popconfirm, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { FieldIssue } from '@shared/errors';
import { allIndicators, type Indicator, type Interpretations, type PackBody } from '@shared/points/pack.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ApiError } from '../../../lib/api';
import { useCopyPack, usePack, usePackAction, useSavePack, useValidatePack } from '../api';
import { ruleWords } from '../components/rule-words';
import { useLang } from '../components/ScoreResult';
import { STATUS_COLOR } from './PacksPage';

const INTERPRETATION_VALUES: Record<keyof Interpretations, string[]> = {
  agePartYear: ['counts_as_year', 'completed_years'],
  ageReference: ['application_date', 'materials_cutoff'],
  volunteerPooling: ['per_year', 'across_years'],
  insuranceCondition: ['each', 'any'],
  tieAtCut: ['admit_all', 'admit_none'],
};

type Row = Indicator & { depth: number };

/** One pack version: what it says, its interpretations and history; a draft is edited, validated, published or discarded. */
export function PackPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['points', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const view = usePack(id);
  const copy = useCopyPack(id);
  const save = useSavePack(id);
  const check = useValidatePack();
  const act = usePackAction(id);
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<FieldIssue[] | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);
  const [newCode, setNewCode] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(dayjs().add(1, 'day'));
  useEffect(() => {
    if (view.data) setText(JSON.stringify(view.data.pack, null, 2));
    setIssues(null);
  }, [view.data]);

  const draft = view.data?.status === 'draft';
  const parsed = useMemo(() => { try { return JSON.parse(text) as Record<string, unknown>; } catch { return null; } }, [text]);
  const pack = (draft ? parsed : view.data?.pack) as PackBody | null | undefined;
  const rows = useMemo<Row[]>(() => {
    if (!pack?.indicators) return [];
    const out: Row[] = [];
    const walk = (list: Indicator[], depth: number) => list.forEach((i) => { out.push({ ...i, depth }); if (i.rule.type === 'group') walk(i.rule.items, depth + 1); });
    walk(pack.indicators, 0);
    return out;
  }, [pack]);

  if (view.isLoading) return <Skeleton active />;
  if (!view.data) return <ErrorAlert error={view.error} />;
  const v = view.data;
  const edit = (change: (p: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!parsed) return;
    const next = structuredClone(parsed);
    change(next);
    setText(JSON.stringify(next, null, 2));
  };
  const issuesOf = (error: unknown) => (error instanceof ApiError ? error.issues : []) as FieldIssue[];
  const body = (): Record<string, unknown> | null => {
    try { setJsonError(null); return JSON.parse(text) as Record<string, unknown>; } catch (e) { setJsonError(t('pack.jsonInvalid', { message: (e as Error).message })); return null; }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<Space wrap><span>{pack?.name?.[lang] ?? v.name[lang]}</span><Typography.Text code>{v.code} v{v.version}</Typography.Text><Tag color={STATUS_COLOR[v.status]}>{t(`status.${v.status}`)}</Tag>{v.inForce && <Tag color="blue">{t('packs.inForce')}</Tag>}</Space>}
        extra={
          <Space>
            {v.actions.includes('copy') && <Button onClick={() => { setNewCode(''); copy.reset(); setCopying(true); }}>{t('pack.copy')}</Button>}
            {v.actions.includes('publish') && <Button type="primary" onClick={() => { act.reset(); setPublishing(true); }}>{t('pack.publish')}</Button>}
            {v.actions.includes('discard') && (
              <Popconfirm title={t('pack.discardConfirm')} onConfirm={() => act.mutate({ action: 'discard' })}>
                <Button danger>{t('pack.discard')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <ErrorAlert error={act.error && !publishing ? act.error : null} />
        {pack && (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('pack.source')} span={2}>{pack.source?.document} <Tag>{t(`confidence.${pack.source?.confidence ?? 'C'}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('packs.effective')}>{v.effectiveFrom} → {v.effectiveUntil ?? '…'}</Descriptions.Item>
            <Descriptions.Item label={t('pack.city')}>{v.city} · {t(`purpose.${v.purpose}`)}</Descriptions.Item>
            <Descriptions.Item label={t('pack.qualifyingTotal')}>{pack.qualifyingTotal ?? t('pack.noQualifying')}</Descriptions.Item>
            <Descriptions.Item label={t('pack.rankingBy')}>{pack.ranking?.categories?.length ? pack.ranking.categories.map((c) => t(`category.${c}`)).join(' + ') : t('pack.rankingNone')}</Descriptions.Item>
            <Descriptions.Item label={t('pack.tieBreaks')} span={2}>
              <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="tie-breaks">
                {(pack.ranking?.tieBreaks ?? []).map((tie, i) => <li key={i}>{tie.label[lang]}</li>)}
                <li>{t('pack.tieJoint')}</li>
              </ol>
            </Descriptions.Item>
            <Descriptions.Item label={t('pack.round')} span={2}>
              {t('pack.quota')} {pack.round?.quota ?? '—'} · {t('pack.reviewWorkdays')} {pack.round?.reviewWorkdays} · {t('pack.verificationWorkdays')} {pack.round?.verificationWorkdays} · {t('pack.publicationDays')} {pack.round?.publicationDays} · {t('pack.deductionReview')} {t(`pack.deductionReviewValue.${pack.round?.deductionReview ?? 'at_submission'}`)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      {pack?.interpretations && (
        <Card size="small" title={t('interpretation.title')}>
          <Typography.Paragraph type="secondary">{t('interpretation.hint')}</Typography.Paragraph>
          <List size="small" dataSource={(Object.keys(INTERPRETATION_VALUES) as (keyof Interpretations)[]).filter((k) => pack.interpretations[k])} renderItem={(key) => {
            const item = pack.interpretations[key]!;
            return (
              <List.Item data-testid={`interpretation-${key}`}>
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{t(`interpretation.${key}`)}</Typography.Text>
                    <Tag color={item.confidence === 'I' || item.confidence === 'U' ? 'gold' : 'default'}>{t(`confidence.${item.confidence}`)}</Tag>
                    {draft
                      ? <Select size="small" style={{ minWidth: 200 }} value={item.value} aria-label={t(`interpretation.${key}`)} onChange={(value) => edit((p) => { p.interpretations[key].value = value; })}
                          options={INTERPRETATION_VALUES[key].map((value) => ({ value, label: t(`interpretation.values.${value}`) }))} />
                      : <Typography.Text>{t(`interpretation.values.${item.value}`)}</Typography.Text>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.note[lang]}</Typography.Text>
                </Space>
              </List.Item>
            );
          }} />
        </Card>
      )}

      {draft && (
        <Card size="small" title={t('pack.edit')} extra={
          <Space>
            <Button loading={check.isPending} onClick={() => { const b = body(); if (b) check.mutate(b, { onSuccess: (r) => { setIssues(r.issues); if (r.ok) void message.success(t('pack.valid')); } }); }}>{t('pack.validate')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => { const b = body(); if (b) save.mutate(b, { onSuccess: () => { setIssues([]); void message.success(t('pack.saved')); }, onError: (e) => setIssues(issuesOf(e)) }); }}>{t('pack.save')}</Button>
          </Space>
        }>
          {jsonError && <Typography.Paragraph type="danger">{jsonError}</Typography.Paragraph>}
          {!(issues && issues.length > 0) && <ErrorAlert error={save.error} />}
          {issues && issues.length > 0 && (
            <List size="small" header={<Typography.Text type="danger" strong>{t('pack.issues')}</Typography.Text>} bordered dataSource={issues} style={{ marginBottom: 12 }} data-testid="pack-issues"
              renderItem={(i) => <List.Item><Typography.Text type="danger">{lang === 'en' ? i.messageEn : i.message}</Typography.Text></List.Item>} />
          )}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Typography.Title level={5}>{t('pack.common')}</Typography.Title>
              <Space direction="vertical">
                <Space><span style={{ width: 150, display: 'inline-block' }}>{t('pack.qualifyingTotal')}</span>
                  <InputNumber min={0} value={parsed?.qualifyingTotal as number | null} aria-label={t('pack.qualifyingTotal')} onChange={(value) => edit((p) => {
                    p.qualifyingTotal = value;
                    const condition = (p.eligibility ?? []).find((c: { rule: { type: string } }) => c.rule.type === 'min_total');
                    if (condition && value !== null) condition.rule.min = value;
                  })} /></Space>
                <Space><span style={{ width: 150, display: 'inline-block' }}>{t('pack.quota')}</span>
                  <InputNumber min={1} value={(parsed?.round as { quota?: number } | undefined)?.quota ?? null} aria-label={t('pack.quota')} onChange={(value) => edit((p) => { p.round.quota = value ?? undefined; })} /></Space>
                <Space><span style={{ width: 150, display: 'inline-block' }}>{t('pack.reviewWorkdays')}</span>
                  <InputNumber min={1} max={120} value={(parsed?.round as { reviewWorkdays?: number } | undefined)?.reviewWorkdays ?? null} aria-label={t('pack.reviewWorkdays')} onChange={(value) => edit((p) => { p.round.reviewWorkdays = value; })} /></Space>
                <Space><span style={{ width: 150, display: 'inline-block' }}>{t('pack.effectiveUntil')}</span>
                  <Input style={{ width: 130 }} value={(parsed?.effectiveUntil as string | null) ?? ''} placeholder="YYYY-MM-DD" aria-label="effectiveUntil" onChange={(e) => edit((p) => { p.effectiveUntil = e.target.value || null; })} /></Space>
              </Space>
            </Col>
            <Col xs={24} md={16}>
              <Typography.Title level={5}>{t('pack.json')}</Typography.Title>
              <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 12, maxRows: 28 }} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} aria-label={t('pack.json')} data-testid="pack-json" />
            </Col>
          </Row>
        </Card>
      )}
      {!draft && <Typography.Text type="secondary">{t('pack.readOnly')}</Typography.Text>}

      {pack?.eligibility && (
        <Card size="small" title={t('pack.conditions')}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>{pack.eligibility.map((c) => <li key={c.id}>{c.label[lang]}</li>)}</ol>
        </Card>
      )}

      {pack?.indicators && (
        <Card size="small" title={t('pack.indicators')}>
          <Table<Row>
            size="small"
            rowKey={(r) => `${r.depth}-${r.id}`}
            pagination={false}
            dataSource={rows}
            scroll={{ x: 700 }}
            columns={[
              { title: t('pack.indicator'), key: 'label', render: (_, r) => (
                <span style={{ paddingLeft: r.depth * 16 }}>
                  {r.depth === 0 && r.category && <Tag color={r.category === 'base' ? 'blue' : r.category === 'bonus' ? 'green' : 'red'}>{t(`category.${r.category}`)}</Tag>}
                  {r.label[lang]}
                  {r.note && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, paddingLeft: r.depth === 0 ? 0 : 0 }}>{r.note[lang]}</Typography.Text>}
                </span>
              ) },
              { title: t('pack.rule'), key: 'rule', render: (_, r) => <Typography.Text style={{ fontSize: 12 }} data-testid={`rule-${r.id}`}>{ruleWords(r, pack, t, lang)}</Typography.Text> },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{allIndicators(pack.indicators).length} · {pack.facts?.length ?? 0} {t('pack.facts')}</Typography.Text>
        </Card>
      )}

      <Card size="small" title={t('pack.history')}>
        <Timeline items={v.history.map((h) => ({ children: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(`pack.historyAction.${h.action}`)}${h.details ? ` · ${h.details}` : ''}${h.actor ? ` · ${h.actor}` : ''}` }))} />
      </Card>

      <Modal open={copying} title={t('pack.copy')} okButtonProps={{ loading: copy.isPending }} onCancel={() => setCopying(false)} destroyOnHidden
        onOk={() => copy.mutate(newCode ? { code: newCode } : {}, { onSuccess: (created) => { setCopying(false); void message.success(t('pack.copied')); void navigate(`/points/packs/${created.id}`); } })}>
        <ErrorAlert error={copy.error} />
        <Typography.Paragraph>{t('pack.copyNewCode')}</Typography.Paragraph>
        <Input value={newCode} onChange={(e) => setNewCode(e.target.value.trim())} placeholder={v.code} aria-label={t('packs.code')} />
      </Modal>
      <Modal open={publishing} title={t('pack.publishTitle', { code: v.code, version: v.version })} okText={t('pack.publish')} okButtonProps={{ loading: act.isPending, disabled: !effectiveFrom }} onCancel={() => setPublishing(false)} destroyOnHidden
        onOk={() => effectiveFrom && act.mutate({ action: 'publish', effectiveFrom: effectiveFrom.format('YYYY-MM-DD') }, { onSuccess: () => { setPublishing(false); void message.success(t('pack.published')); } })}>
        <ErrorAlert error={act.error} />
        {issuesOf(act.error).length > 0 && <List size="small" dataSource={issuesOf(act.error)} renderItem={(i) => <List.Item>{lang === 'en' ? i.messageEn : i.message}</List.Item>} />}
        <Typography.Paragraph>{t('pack.publishHint')}</Typography.Paragraph>
        <Space><span>{t('pack.effectiveFrom')}</span><DatePicker value={effectiveFrom} onChange={setEffectiveFrom} aria-label={t('pack.effectiveFrom')} /></Space>
      </Modal>
    </Space>
  );
}
