import { CheckCircleFilled, CloseCircleFilled, RiseOutlined } from '@ant-design/icons';
import { Alert, Card, List, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScoreView } from '@shared/points/points.schema';
import { useLang } from '../../../lib/lang';

type Line = ScoreView['lines'][number];

export { useLang };

/** A score explained: the total and ranking score, each condition with its reason, every line with its working. */
export function ScoreResult({ score, compact = false }: { score: ScoreView; compact?: boolean }) {
  const { t } = useTranslation('points');
  const lang = useLang();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="score-result">
      <Card size="small">
        <Space size="large" wrap>
          <Statistic title={t('calculator.total')} value={score.total} data-testid="score-total" valueStyle={{ color: '#0f5fa8', fontWeight: 700 }} />
          <Statistic title={t('calculator.rankingScore')} value={score.rankingScore} data-testid="score-ranking" />
          <Space direction="vertical" size={0}>
            {score.eligible
              ? <Tag color="success" icon={<CheckCircleFilled />} data-testid="score-eligible">{t('calculator.eligible')}</Tag>
              : <Tag color="warning" icon={<CloseCircleFilled />} data-testid="score-eligible">{t('calculator.notEligible')}</Tag>}
            {score.qualifyingTotal !== null && <Typography.Text type="secondary">{t('calculator.qualifying', { total: score.qualifyingTotal })}</Typography.Text>}
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('calculator.ageOn', { date: score.ageReference, cutoff: score.bornOnOrAfter ?? '—' })}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('calculator.conditions')}>
        <List size="small" dataSource={score.conditions} renderItem={(c) => (
          <List.Item data-testid={`condition-${c.id}`}>
            <Space align="start">
              {c.met ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
              <span>
                <Typography.Text>{c.label[lang]}</Typography.Text>
                {c.reason && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{c.reason[lang]}</Typography.Text>}
              </span>
            </Space>
          </List.Item>
        )} />
      </Card>
      {score.improvements.length > 0 && (
        <Card size="small" title={<Space><RiseOutlined />{t('calculator.improve')}</Space>}>
          <List size="small" dataSource={score.improvements.slice(0, 6)} renderItem={(i) => (
            <List.Item data-testid={`improve-${i.indicator}`}><Typography.Text>{i.label[lang]}：{i.hint[lang]}</Typography.Text><Tag color="blue">+{i.points}</Tag></List.Item>
          )} />
        </Card>
      )}
      <Card size="small" title={t('calculator.lines')}>
        <List<Line>
          size="small"
          dataSource={compact ? score.lines.filter((l) => l.points !== 0 || l.depth === 0) : score.lines}
          renderItem={(l) => (
            <List.Item style={{ paddingLeft: 8 + l.depth * 16, display: 'block' }} data-testid={`line-${l.id}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span style={{ color: l.counted ? undefined : '#999' }}>
                  {l.depth === 0 && <Tag color={l.category === 'base' ? 'blue' : l.category === 'bonus' ? 'green' : 'red'}>{t(`category.${l.category}`)}</Tag>}
                  {l.label[lang]}
                </span>
                <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                  {l.capped && <Tag color="orange">{t('calculator.capped')}</Tag>}
                  {!l.counted && <Tag>{t('calculator.notCounted')}</Tag>}
                  <Typography.Text strong={l.depth === 0} delete={!l.counted} data-testid={`points-${l.id}`}>{l.points}</Typography.Text>
                </Space>
              </div>
              {(l.value[lang] || l.formula[lang]) && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {l.value[lang] && <>{t('calculator.value')}：{l.value[lang]} · </>}{l.formula[lang]}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      </Card>
      {score.interpretations.some((i) => i.confidence === 'I' || i.confidence === 'U') && (
        <Alert type="info" showIcon message={t('interpretation.title')} description={
          <Space direction="vertical" size={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('interpretation.hint')}</Typography.Text>
            {score.interpretations.filter((i) => i.confidence === 'I' || i.confidence === 'U').map((i) => (
              <Typography.Text key={i.key} style={{ fontSize: 12 }} data-testid={`interpretation-${i.key}`}>
                <Tag>{t(`confidence.${i.confidence}`)}</Tag>{t(`interpretation.${i.key}`)}：{t(`interpretation.values.${i.value}`)} — {i.note[lang]}
              </Typography.Text>
            ))}
          </Space>
        } />
      )}
    </Space>
  );
}
