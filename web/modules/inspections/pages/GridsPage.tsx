import { Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GridsView } from '@shared/inspections/inspection.schema';
import { Chart, type ChartOption } from '../../../components/Chart';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useGrids } from '../api';

type Grid = GridsView['items'][number];
const PAGE = 200;

/** Coverage colours: red under half of the rental houses inspected in their cycle, amber under 80 %, green above; grey without rental houses. */
export function coverageColor(g: Pick<Grid, 'houses' | 'covered'>): string {
  if (g.houses === 0) return '#d9d9d9';
  const share = g.covered / g.houses;
  return share < 0.5 ? '#ff7875' : share < 0.8 ? '#ffc53d' : '#73d13d';
}

/**
 * Grids (网格) of the jurisdiction: a schematic map (communities as blocks, their grids inside, sized by rental
 * houses and coloured by inspection coverage) and the list with buildings, houses, coverage, open hazards and the
 * grid workers assigned. Workers are assigned to a grid as accounts with the grid-worker role and that grid as
 * their division, in user management.
 */
export function GridsPage({ canAssign }: { canAssign: boolean }) {
  const { t } = useTranslation(['inspections', 'common']);
  const [page, setPage] = useState(1);
  const [view, setView] = useState<'map' | 'list'>('map');
  const [selected, setSelected] = useState<string | null>(null);
  const grids = useGrids(page, PAGE);
  const items = useMemo(() => grids.data?.items ?? [], [grids.data]);
  const option = useMemo<ChartOption>(() => {
    const communities = new Map<string, { name: string; children: object[] }>();
    for (const g of items) {
      const c = communities.get(g.community.code) ?? { name: g.community.name, children: [] };
      c.children.push({
        name: g.name.replace(g.community.name, '') || g.name, code: g.code, value: Math.max(g.houses, 1),
        itemStyle: { color: coverageColor(g), borderColor: g.code === selected ? '#1677ff' : '#fff', borderWidth: g.code === selected ? 3 : 1 },
        tip: `${g.name}<br/>${t('grids.houses')} ${g.houses} · ${t('grids.coverage')} ${g.houses ? Math.round((g.covered / g.houses) * 100) : 0}%<br/>${t('grids.openHazards')} ${g.openHazards} · ${t('grids.workers')} ${g.workers.map((w) => w.name).join('、') || '—'}`,
      });
      communities.set(g.community.code, c);
    }
    return {
      tooltip: { formatter: (p: { data?: { tip?: string }; name: string }) => p.data?.tip ?? p.name },
      series: [{
        type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%', top: 0, left: 0,
        label: { show: true, formatter: '{b}', fontSize: 12, color: '#262626' },
        // The root (no label), the communities (a title bar), their grids.
        levels: [
          { upperLabel: { show: false }, itemStyle: { borderWidth: 0, gapWidth: 3 } },
          { upperLabel: { show: true, height: 22, color: '#fff', backgroundColor: '#595959' }, itemStyle: { borderColor: '#595959', borderWidth: 2, gapWidth: 1 } },
          { itemStyle: { gapWidth: 1 } },
        ],
        data: [...communities.values()],
      }],
    };
  }, [items, selected, t]);
  const unstaffed = items.filter((g) => g.workers.length === 0).length;

  return (
    <Card
      title={t('grids.title')}
      extra={<Space>{canAssign && <Link to="/admin/users"><Button>{t('grids.assign')}</Button></Link>}<Segmented value={view} onChange={(v) => setView(v as 'map' | 'list')} options={[{ value: 'map', label: t('grids.map') }, { value: 'list', label: t('grids.list') }]} /></Space>}
    >
      <Typography.Paragraph type="secondary">{t('grids.hint', { asOf: grids.data?.asOf ?? '—' })}</Typography.Paragraph>
      <ErrorAlert error={grids.error} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag>{t('grids.count', { count: grids.data?.total ?? 0 })}</Tag>
        {unstaffed > 0 && <Tag color="warning">{t('grids.unstaffed', { count: unstaffed })}</Tag>}
        <Tag color="#73d13d">≥ 80%</Tag><Tag color="#ffc53d">50–80%</Tag><Tag color="#ff7875">&lt; 50%</Tag><Tag color="#d9d9d9" style={{ color: '#595959' }}>{t('grids.noHouses')}</Tag>
      </Space>
      {view === 'map' && items.length > 0 && (
        <div data-testid="grid-map"><Chart option={option} height={420} label={t('grids.map')} onClick={(d) => { const code = (d as { code?: string } | undefined)?.code; if (code) { setSelected(code); setView('list'); } }} /></div>
      )}
      {(view === 'list' || items.length === 0) && (
        <Table<Grid>
          rowKey="code" size="small" loading={grids.isLoading} dataSource={items} scroll={{ x: 900 }}
          locale={{ emptyText: t('grids.none') }}
          rowClassName={(g) => (g.code === selected ? 'ant-table-row-selected' : '')}
          pagination={{ current: page, pageSize: PAGE, total: grids.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(g) => ({ 'data-testid': `grid-${g.code}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('grids.grid'), key: 'name', render: (_, g) => <Space direction="vertical" size={0}>{g.name}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{g.code}</Typography.Text></Space> },
            { title: t('grids.community'), key: 'community', render: (_, g) => g.community.name },
            { title: t('grids.buildings'), dataIndex: 'buildings', align: 'right', width: 80 },
            { title: t('grids.houses'), dataIndex: 'houses', align: 'right', width: 80 },
            { title: t('grids.coverage'), key: 'coverage', width: 150, render: (_, g) => (g.houses ? <Progress percent={Math.round((g.covered / g.houses) * 100)} size="small" strokeColor={coverageColor(g)} /> : '—') },
            { title: t('grids.overdue'), dataIndex: 'overdue', align: 'right', width: 80, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            { title: t('grids.high'), dataIndex: 'high', align: 'right', width: 80 },
            { title: t('grids.openHazards'), dataIndex: 'openHazards', align: 'right', width: 90 },
            { title: t('grids.workers'), key: 'workers', render: (_, g) => (g.workers.length ? g.workers.map((w) => <Tag key={w.id}>{w.name}</Tag>) : <Tag color="warning">{t('grids.nobody')}</Tag>) },
          ]}
        />
      )}
    </Card>
  );
}
