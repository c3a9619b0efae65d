import { Alert, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLang } from '../../../lib/lang';
import { useMyHouses } from '../api';
import { HazardDrawer } from '../components/HazardDrawer';
import { HazardStatusTag, RiskTag, Stars } from '../components/tags';

/** A landlord's rental houses on a phone: stars and how to raise them; hazards to fix by their deadline, reported fixed here. */
export function MyHousesPage() {
  const { t } = useTranslation('inspections');
  const lang = useLang();
  const houses = useMyHouses();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('my.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('my.hint')}</Typography.Text>
      <Link to="/portal/rental/letters" data-testid="open-letters">{t('my.letters')}</Link>
      <ErrorAlert error={houses.error} />
      {houses.data?.items.length === 0 && <Empty description={t('my.empty')} />}
      {houses.data?.items.map((h) => (
        <Card key={h.houseId} size="small" title={h.address} data-testid={`my-house-${h.houseId}`}>
          {h.grade ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap><Stars stars={h.grade.stars} /><RiskTag risk={h.grade.risk} /></Space>
              {h.grade.improve.length > 0 && <Typography.Text type="secondary">{t('my.improve')}：{h.grade.improve.map((i) => `${i.label[lang]}（+${i.points}）`).join('、')}</Typography.Text>}
            </Space>
          ) : <Typography.Text type="secondary">{t('house.ungraded')}</Typography.Text>}
          <List size="small" dataSource={h.hazards.filter((z) => z.status !== 'closed')} locale={{ emptyText: ' ' }} renderItem={(z) => (
            <List.Item data-testid={`my-hazard-${z.itemCode}`} actions={[<Button key="open" size="small" type={z.status === 'notified' ? 'primary' : 'default'} onClick={() => setOpen(z.id)}>{z.status === 'notified' ? t('my.reportFixed') : t('hazard.title')}</Button>]}>
              <Space direction="vertical" size={2}>
                <Typography.Text>{z.label[lang]}</Typography.Text>
                <Space wrap size={4}><HazardStatusTag status={z.status} />{z.status === 'notified' && <Typography.Text type={z.overdue ? 'danger' : 'secondary'}>{t('my.deadline', { date: z.deadlineOn })}</Typography.Text>}</Space>
              </Space>
            </List.Item>
          )} />
          {h.hazards.some((z) => z.status === 'closed') && <Alert type="success" showIcon style={{ marginTop: 8 }} message={h.hazards.filter((z) => z.status === 'closed').map((z) => `${z.label[lang]}：${t('hazardStatus.closed')}`).join('；')} />}
        </Card>
      ))}
      <HazardDrawer side="landlord" id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
