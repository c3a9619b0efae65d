import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { valueText } from '@shared/points/engine';
import type { PackBody } from '@shared/points/pack.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { idNumberRule } from '../../../components/id-number-rule';
import { usePrefill, useScore, useSubmitApplication } from '../api';
import { FactInput } from '../components/FactInput';
import { ProofUpload } from '../../../components/ProofUpload';
import { ScoreResult, useLang } from '../components/ScoreResult';
import { factSections } from '../components/sections';

/**
 * The one form (一表申请) on a phone: who, then what Anju already knows (pre-filled, verified, nothing to type), then
 * what to declare with its proof, the live estimate, and the online pledge.
 */
export function ApplyPage() {
  const { roundId = '' } = useParams();
  const { t } = useTranslation('points');
  const lang = useLang();
  const navigate = useNavigate();
  const [who, setWho] = useState<{ name: string; idNumber: string } | null>(null);
  const prefill = usePrefill(who ? { roundId, ...who } : null);
  const submit = useSubmitApplication();
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [proof, setProof] = useState<Record<string, string[]>>({});
  const [pledge, setPledge] = useState(false);
  const [transactionId] = useState(() => crypto.randomUUID());
  const body = prefill.data?.body as PackBody | undefined;
  const known = prefill.data?.known ?? {};
  const sections = useMemo(() => (body ? factSections(body).map((s) => ({ ...s, facts: s.facts.filter((f) => !known[f.id]) })).filter((s) => s.facts.length) : []), [body, known]);
  const estimate = useScore(prefill.data ? {
    pack: prefill.data.round.pack.code, version: prefill.data.round.pack.version, materialsCutoff: prefill.data.round.materialsCutoff,
    facts: { ...Object.fromEntries(Object.entries(known).map(([id, k]) => [id, k.value])), ...answers },
  } : null);
  const set = (id: string, value: unknown) => setAnswers((a) => { const next = { ...a }; if (value === undefined) delete next[id]; else next[id] = value; return next; });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('apply.title')}</Typography.Title>
      <Card size="small" title={t('apply.who')}>
        <Form layout="vertical" onFinish={(v: { name: string; idNumber: string }) => setWho({ name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase() })}>
          <Form.Item name="name" label={t('apply.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="idNumber" label={t('apply.idNumber')} rules={[{ required: true }, idNumberRule(t)]}><Input maxLength={18} /></Form.Item>
          <Button htmlType="submit" type="primary" block loading={prefill.isFetching} data-testid="start-form">{t('apply.start')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={prefill.error} />
      {prefill.isFetching && <Skeleton active />}
      {prefill.data && body && (
        <>
          <Card size="small" title={<Space><CheckCircleFilled style={{ color: '#389e0d' }} />{t('apply.known')}</Space>} data-testid="known-facts">
            <List size="small" dataSource={body.facts.filter((f) => known[f.id])} renderItem={(f) => (
              <List.Item data-testid={`known-${f.id}`}>
                <Typography.Text>{f.label[lang]}</Typography.Text>
                <Space size={4}><Typography.Text strong>{valueText(f, known[f.id]!.value as never)[lang]}</Typography.Text><Tag>{t(`source.${known[f.id]!.source}`)}</Tag></Space>
              </List.Item>
            )} />
          </Card>
          <Typography.Title level={5}>{t('apply.declare')}</Typography.Title>
          <Form layout="vertical">
            {sections.map((section) => (
              <Card key={section.key} size="small" title={t(`calculator.sections.${section.key}`)} style={{ marginBottom: 12 }}>
                {section.facts.map((fact) => (
                  <Form.Item key={fact.id} label={<Space size={4} wrap>{fact.label[lang]}{fact.pledge && <Tag color="gold">{t('pack.pledge')}</Tag>}{fact.evidence && <Tag>{t('pack.evidence')}</Tag>}</Space>} data-testid={`declare-${fact.id}`}>
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <FactInput fact={fact} value={answers[fact.id]} onChange={(v) => set(fact.id, v)} lang={lang} year={Number(prefill.data.round.materialsCutoff.slice(0, 4))} />
                      {fact.evidence && <ProofUpload buttonText={t('apply.upload')} label={fact.label[lang]} value={proof[fact.id] ?? []} onChange={(ids) => setProof((p) => ({ ...p, [fact.id]: ids }))} />}
                    </Space>
                  </Form.Item>
                ))}
              </Card>
            ))}
          </Form>
          {estimate.data && (
            <Card size="small" title={t('apply.estimate')}><ScoreResult score={estimate.data} compact /></Card>
          )}
          <Card size="small">
            <Checkbox checked={pledge} onChange={(e) => setPledge(e.target.checked)} data-testid="pledge">{t('apply.pledge')}</Checkbox>
          </Card>
          <ErrorAlert error={submit.error} />
          <Button type="primary" size="large" block disabled={!pledge} loading={submit.isPending} data-testid="submit-application"
            onClick={() => submit.mutate({
              roundId, name: who!.name, idNumber: who!.idNumber, pledge: true, transactionId,
              facts: Object.fromEntries([...new Set([...Object.keys(answers), ...Object.keys(proof)])].map((id) => [id, { ...(answers[id] !== undefined ? { value: answers[id] } : {}), ...(proof[id]?.length ? { evidence: proof[id] } : {}) }])),
            }, { onSuccess: (view) => void navigate(`/portal/points/applications/${view.id}`) })}>
            {pledge ? t('apply.submit') : t('apply.pledgeRequired')}
          </Button>
        </>
      )}
    </Space>
  );
}
