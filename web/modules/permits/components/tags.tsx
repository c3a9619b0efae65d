import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationListItem, PermitView } from '@shared/permits/permit.schema';

const APPLICATION_COLOR = { submitted: 'processing', accepted: 'blue', returned: 'warning', refused: 'error', issued: 'success', withdrawn: 'default' } as const;
const PERMIT_COLOR = { valid: 'success', suspended: 'warning', cancelled: 'default', revoked: 'error' } as const;

export function ApplicationStatusTag({ status }: { status: ApplicationListItem['status'] }) {
  const { t } = useTranslation('permits');
  return <Tag color={APPLICATION_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function PermitStatusTag({ status }: { status: PermitView['status'] }) {
  const { t } = useTranslation('permits');
  return <Tag color={PERMIT_COLOR[status]} data-testid="permit-status">{t(`permitStatus.${status}`)}</Tag>;
}

/** The issue deadline of an accepted application: days left, or red when overdue. */
export function DueTag({ item }: { item: Pick<ApplicationListItem, 'dueOn' | 'daysLeft' | 'overdue'> }) {
  const { t } = useTranslation('permits');
  if (item.daysLeft === null || !item.dueOn) return <>—</>;
  if (item.overdue) return <Tag color="red">{t('queue.overdue', { n: -item.daysLeft })}</Tag>;
  return <Tag color={item.daysLeft <= 3 ? 'orange' : 'default'}>{t('queue.days', { n: item.daysLeft })}</Tag>;
}
