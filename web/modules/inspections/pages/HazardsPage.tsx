import { Card, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HazardSummary } from '@shared/inspections/inspection.schema';
import { HAZARD_STATUSES, type HazardStatus } from '@shared/inspections/inspection.workflow';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLang } from '../../../lib/lang';
import { useHazards, type HazardSide } from '../api';
import { HazardDrawer } from '../components/HazardDrawer';
import { HazardStatusTag } from '../components/tags';

/** The hazard board (staff of a jurisdiction) or a department's queue of referred hazards: by status and deadline. */
export function HazardsPage({ side }: { side: Extract<HazardSide, 'staff' | 'department'> }) {
  const { t } = useTranslation(['inspections', 'common']);
  const lang = useLang();
  const [status, setStatus] = useState<HazardStatus | 'all'>(side === 'department' ? 'referred' : 'all');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useHazards(side, { status: status === 'all' ? undefined : status, overdue: overdue ? 'true' : undefined, page, pageSize: 20 });
  const counts = list.data?.counts ?? {};
  const statuses = side === 'department' ? (['referred', 'closed'] as const) : HAZARD_STATUSES;
  return (
    <Card title={side === 'department' ? t('department.title') : t('hazard.board')} extra={<Space><Switch checked={overdue} onChange={(v) => { setOverdue(v); setPage(1); }} aria-label={t('hazard.overdueOnly')} />{t('hazard.overdueOnly')}</Space>}>
      <Typography.Paragraph type="secondary">{side === 'department' ? t('department.hint') : t('hazard.boardHint')}</Typography.Paragraph>
      <Segmented value={status} onChange={(v) => { setStatus(v as HazardStatus | 'all'); setPage(1); }} style={{ marginBottom: 12 }}
        options={[...(side === 'staff' ? [{ value: 'all', label: `${t('hazard.all')} ${Object.values(counts).reduce((a, b) => a + b, 0)}` }] : []), ...statuses.map((s) => ({ value: s, label: `${t(`hazardStatus.${s}`)} ${counts[s] ?? 0}` }))]} />
      <ErrorAlert error={list.error} />
      <Table<HazardSummary>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} scroll={{ x: 760 }}
        locale={{ emptyText: side === 'department' ? t('department.empty') : t('hazard.none') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(h) => ({ onClick: () => setOpen(h.id), style: { cursor: 'pointer' }, 'data-testid': `hazard-row-${h.itemCode}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('hazard.item'), key: 'item', render: (_, h) => <Space>{h.label[lang]}{h.serious && <Tag color="red">{t('hazard.serious')}</Tag>}</Space> },
          { title: t('hazard.address'), dataIndex: 'address' },
          { title: t('hazard.deadline'), key: 'deadline', width: 140, render: (_, h) => <Typography.Text type={h.overdue ? 'danger' : undefined}>{h.deadlineOn}{h.overdue ? ` · ${t('hazard.overdue')}` : ''}</Typography.Text> },
          { title: t('hazard.department'), key: 'department', width: 130, render: (_, h) => t(`common:departments.${h.department}`) },
          { title: t('common:status'), key: 'status', width: 150, render: (_, h) => <HazardStatusTag status={h.status} /> },
        ]}
      />
      <HazardDrawer side={side} id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
