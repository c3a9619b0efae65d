import { Rate, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HazardStatus } from '@shared/inspections/inspection.workflow';
import type { Risk } from '@shared/inspections/grading';

const HAZARD_COLORS: Record<HazardStatus, string> = { notified: 'warning', fix_reported: 'processing', referred: 'error', closed: 'success' };
const RISK_COLORS: Record<Risk, string> = { high: 'red', medium: 'gold', low: 'green' };

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  const { t } = useTranslation('inspections');
  return <Tag color={HAZARD_COLORS[status]} data-testid="hazard-status">{t(`hazardStatus.${status}`)}</Tag>;
}

export function RiskTag({ risk }: { risk: Risk }) {
  const { t } = useTranslation('inspections');
  return <Tag color={RISK_COLORS[risk]}>{t(`risk.${risk}`)}</Tag>;
}

/** 挂牌授星: the house's stars, read-only. */
export function Stars({ stars }: { stars: number }) {
  const { t } = useTranslation('inspections');
  return <Rate disabled value={stars} count={5} style={{ fontSize: 16 }} aria-label={`${t('house.stars')} ${stars}`} />;
}
