import { Button, Card, List, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplacementView } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useReplacementAction, useRequestReplacement } from '../api';
import { yuan } from '../../../lib/money';

const COLOR = { awaiting_payment: 'warning', paid: 'processing', issued: 'success', cancelled: 'default' } as const;

/** A permit's card replacements: ask for one (then pay), and for staff, hand the new card over or cancel. */
export function ReplacementsCard({ permitId, rows, side, canRequest }: { permitId: string; rows: ReplacementView[]; side: 'staff' | 'holder'; canRequest: boolean }) {
  const { t } = useTranslation(['permits', 'common']);
  const request = useRequestReplacement(permitId, side);
  const act = useReplacementAction();
  const [reason, setReason] = useState<'lost' | 'damaged'>('lost');
  const open = rows.some((r) => r.status === 'awaiting_payment' || r.status === 'paid');
  return (
    <Card size="small" title={t('replacement.title')} data-testid="replacements">
      <ErrorAlert error={request.error ?? act.error} />
      {canRequest && !open && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as 'lost' | 'damaged')} options={(['lost', 'damaged'] as const).map((r) => ({ value: r, label: t(`replacement.reason.${r}`) }))} />
          <Popconfirm title={t('replacement.confirm')} onConfirm={() => request.mutate(reason, { onSuccess: (list) => { const pay = list.find((r) => r.payPath)?.payPath; if (pay && side === 'holder') window.location.assign(pay); } })}>
            <Button loading={request.isPending} data-testid="request-replacement">{t('replacement.request')}</Button>
          </Popconfirm>
        </Space>
      )}
      {rows.length > 0 && side === 'holder' && (
        <List
          size="small"
          dataSource={rows}
          renderItem={(r) => (
            <List.Item key={r.id} actions={r.payPath ? [<Button key="pay" size="small" type="primary" href={r.payPath}>{t('replacement.pay')}</Button>] : []}>
              <Space wrap size={6}>
                <span>{t(`replacement.reason.${r.reason}`)}</span>
                <span>{yuan(r.feeFen)}</span>
                <Tag color={COLOR[r.status]}>{t(`replacement.status.${r.status}`)}</Tag>
                {r.order?.status === 'refunded' && <Tag>{t('replacement.refunded')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {rows.length === 0 ? <Typography.Text type="secondary">{t('replacement.none')}</Typography.Text> : side === 'staff' && (
        <Table<ReplacementView>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 620 }}
          dataSource={rows}
          columns={[
            { title: t('fields.at'), key: 'at', width: 150, render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
            { title: t('fields.details'), key: 'reason', render: (_, r) => t(`replacement.reason.${r.reason}`) },
            { title: t('replacement.fee'), key: 'fee', width: 150, render: (_, r) => <Space size={4}>{yuan(r.feeFen)}{r.order?.status === 'refunded' && <Tag>{t('replacement.refunded')}</Tag>}</Space> },
            { title: t('fields.status'), key: 'status', width: 140, render: (_, r) => <Tag color={COLOR[r.status]}>{t(`replacement.status.${r.status}`)}</Tag> },
            {
              title: t('common:actions'), key: 'actions', width: 190,
              render: (_, r) => (
                <Space>
                  {r.actions.includes('issue') && <Button size="small" type="primary" loading={act.isPending} onClick={() => act.mutate({ id: r.id, action: 'issue' })}>{t('actions.replace')}</Button>}
                  {r.actions.includes('cancel') && <Button size="small" danger loading={act.isPending} onClick={() => act.mutate({ id: r.id, action: 'cancel' })}>{t('common:cancel')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
