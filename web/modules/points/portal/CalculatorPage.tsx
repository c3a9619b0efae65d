import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Grid, Row, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackBody } from '@shared/points/pack.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useCalculator, useScore } from '../api';
import { FactInput } from '../components/FactInput';
import { ScoreResult, useLang } from '../components/ScoreResult';
import { factSections } from '../components/sections';

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/**
 * The self-assessment calculator (积分自测): the questions of the city's pack in force (or another pack, to compare),
 * answered on a phone, scored by the server's one engine as one types. Open without login; nothing is stored.
 */
export function CalculatorPage({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation('points');
  const lang = useLang();
  const [packCode, setPackCode] = useState<string | undefined>(undefined);
  const calculator = useCalculator(packCode);
  const [facts, setFacts] = useState<Record<string, unknown>>({});
  const code = calculator.data?.pack.code;
  useEffect(() => setFacts({}), [code]);
  const body = calculator.data?.body as PackBody | undefined;
  const sections = useMemo(() => (body ? factSections(body) : []), [body]);
  const debounced = useDebounced(facts, 250);
  const score = useScore(code ? { pack: code, version: calculator.data?.pack.version, facts: debounced } : null);
  const year = new Date().getFullYear() - 1;
  const wide = Grid.useBreakpoint().lg ?? false;
  const set = (id: string, value: unknown) => setFacts((f) => {
    const next = { ...f };
    if (value === undefined) delete next[id];
    else next[id] = value;
    return next;
  });

  return (
    <div style={standalone ? { maxWidth: 1200, margin: '0 auto', padding: 16 } : undefined}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}><CalculatorOutlined style={{ color: '#0f5fa8' }} /> {t('calculator.title')}</Typography.Title>
        {standalone && <LanguageSwitch size="small" />}
      </div>
      <Typography.Paragraph type="secondary">{t('calculator.hint')}</Typography.Paragraph>
      <ErrorAlert error={calculator.error} />
      {calculator.isLoading && <Skeleton active />}
      {calculator.data && body && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={13}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small">
                <Space wrap>
                  <Typography.Text>{t('calculator.pack')}</Typography.Text>
                  <Select style={{ minWidth: 280 }} value={calculator.data.pack.code} onChange={setPackCode} aria-label={t('calculator.pack')}
                    options={calculator.data.packs.map((p) => ({ value: p.code, label: `${p.name[lang]}${p.inForce ? ` · ${t('packs.inForce')}` : ''}` }))} />
                  <Button onClick={() => setFacts({})}>{t('calculator.reset')}</Button>
                </Space>
              </Card>
              <Form layout="vertical" data-testid="calculator-form">
                {sections.map((section) => (
                  <Card key={section.key} size="small" title={t(`calculator.sections.${section.key}`)} style={{ marginBottom: 12 }}>
                    {section.facts.map((fact) => (
                      <Form.Item key={fact.id} style={{ marginBottom: 12 }} label={
                        <Space size={4} wrap>
                          <span>{fact.label[lang]}</span>
                          {fact.help && <Tooltip title={fact.help[lang]}><Typography.Text type="secondary">ⓘ</Typography.Text></Tooltip>}
                          {fact.pledge && <Tag color="gold">{t('pack.pledge')}</Tag>}
                        </Space>
                      } data-testid={`fact-${fact.id}`}>
                        <FactInput fact={fact} value={facts[fact.id]} onChange={(v) => set(fact.id, v)} lang={lang} year={year} />
                      </Form.Item>
                    ))}
                  </Card>
                ))}
              </Form>
            </Space>
          </Col>
          <Col xs={24} lg={11}>
            <div style={{ position: 'sticky', top: 16 }} id="points-result">
              <Typography.Title level={5}>{t('calculator.result')}</Typography.Title>
              <ErrorAlert error={score.error} />
              {score.data ? <ScoreResult score={score.data} compact /> : <Skeleton active />}
            </div>
          </Col>
        </Row>
      )}
      {!wide && score.data && (
        // On a phone the result sits below the questions: a bar at the bottom keeps the total in sight.
        <div data-testid="score-bar" style={{ position: 'sticky', bottom: 0, zIndex: 10, background: '#fff', borderTop: '1px solid #f0f0f0', padding: '8px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}>
          <Space size="middle">
            <span>{t('calculator.total')} <Typography.Text strong style={{ fontSize: 20, color: '#0f5fa8' }}>{score.data.total}</Typography.Text></span>
            <Tag color={score.data.eligible ? 'success' : 'warning'}>{score.data.eligible ? t('calculator.eligible') : t('calculator.notEligible')}</Tag>
          </Space>
          <Button size="small" type="link" onClick={() => document.getElementById('points-result')?.scrollIntoView({ behavior: 'smooth' })}>{t('calculator.details')}</Button>
        </div>
      )}
    </div>
  );
}
