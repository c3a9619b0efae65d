import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PackSummary } from '@shared/points/points.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePacks } from '../api';
import { useLang } from '../components/ScoreResult';

export const STATUS_COLOR = { draft: 'processing', published: 'success', discarded: 'default' } as const;

/** Every version of every points policy pack; the one in force marked. */
export function PacksPage() {
  const { t } = useTranslation('points');
  const lang = useLang();
  const packs = usePacks();
  return (
    <Card title={t('packs.title')}>
      <Typography.Paragraph type="secondary">{t('packs.hint')}</Typography.Paragraph>
      <ErrorAlert error={packs.error} />
      <Table<PackSummary>
        rowKey="id"
        size="middle"
        loading={packs.isLoading}
        dataSource={packs.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('packs.name'), key: 'name', render: (_, p) => <Link to={`/points/packs/${p.id}`} data-testid={`pack-${p.code}-v${p.version}`}>{p.name[lang]}</Link> },
          { title: t('packs.code'), dataIndex: 'code', width: 150, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('packs.version'), dataIndex: 'version', width: 70 },
          { title: t('packs.effective'), key: 'effective', width: 210, render: (_, p) => `${p.effectiveFrom} → ${p.effectiveUntil ?? '…'}` },
          { title: t('pack.city'), dataIndex: 'city', width: 90 },
          {
            title: '', key: 'status', width: 170,
            render: (_, p) => (
              <>
                <Tag color={STATUS_COLOR[p.status]}>{t(`status.${p.status}`)}</Tag>
                {p.inForce && <Tag color="blue">{t('packs.inForce')}</Tag>}
              </>
            ),
          },
          { title: t('packs.copiedFrom'), dataIndex: 'copiedFrom', width: 150, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
