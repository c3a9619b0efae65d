import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PointsApplicationSummary, TaskView } from '@shared/points/application.schema';

const APP_COLOR = { in_review: 'processing', returned: 'warning', reviewed: 'success', shortlisted: 'purple', verified: 'cyan', abandoned: 'default', card_issued: 'gold', cancelled: 'error', withdrawn: 'default' } as const;
const TASK_COLOR = { open: 'processing', deferred: 'default', returned: 'warning', done: 'success' } as const;

export function ApplicationStatusTag({ status }: { status: PointsApplicationSummary['status'] }) {
  const { t } = useTranslation('points');
  return <Tag color={APP_COLOR[status]} data-testid="application-status">{t(`appStatus.${status}`)}</Tag>;
}

export function TaskStatusTag({ status }: { status: TaskView['status'] }) {
  const { t } = useTranslation('points');
  return <Tag color={TASK_COLOR[status]}>{t(`taskStatus.${status}`)}</Tag>;
}

/** The review deadline as a countdown in working days, red when overdue. */
export function Countdown({ daysLeft, overdue, done }: { daysLeft: number; overdue: boolean; done?: boolean }) {
  const { t } = useTranslation('points');
  if (done) return null;
  return overdue || daysLeft < 0
    ? <Tag color="error" data-testid="overdue">{t('applications.overdueBy', { n: Math.abs(daysLeft) })}</Tag>
    : <Tag color={daysLeft <= 3 ? 'orange' : 'default'}>{t('applications.daysLeft', { n: daysLeft })}</Tag>;
}
