import { Alert, Button, Card, Form, Grid, Input, List, Modal, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { APPLICATION_NUMBER } from '@shared/points/application.schema';
import { useFileObjection, usePublicList } from '../api';

type Item = NonNullable<ReturnType<typeof usePublicList>['data']>['items'][number];

/**
 * The public publication page (公示): masked names, ranks and scores, the period, and an objection form for anyone.
 * An applicant finds their own line by number; on a phone each line is a compact row instead of a table.
 */
export function PublicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('points');
  const phone = !Grid.useBreakpoint().md;
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');
  const [number, setNumber] = useState<string | undefined>();
  const [numberError, setNumberError] = useState(false);
  const list = usePublicList(id, page, number);
  const file = useFileObjection(id);
  const [objecting, setObjecting] = useState<string | null>(null);
  const [transactionId, setTransactionId] = useState(() => crypto.randomUUID());
  const [filed, setFiled] = useState(false);
  const round = list.data?.round;
  const pagination = { current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false };
  const objectButton = (item: Item) => round?.objectionsOpen && (
    <Button size="small" onClick={() => { file.reset(); setObjecting(item.number); setTransactionId(crypto.randomUUID()); }} data-testid={`object-${item.number}`}>{t('public.object')}</Button>
  );
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{round ? t('public.title', { name: round.name }) : ''}</Typography.Title>
        <LanguageSwitch size="small" />
      </div>
      <ErrorAlert error={list.error} />
      {list.isLoading && <Skeleton active />}
      {round && (
        <Card>
          <Typography.Paragraph>{t('public.hint', { from: round.publishedFrom, until: round.publishedUntil })}</Typography.Paragraph>
          {round.status === 'final' && <Tag color="gold">{t('public.final')}</Tag>}
          {!round.objectionsOpen && <Typography.Paragraph type="secondary">{t('public.closed')}</Typography.Paragraph>}
          {filed && <Result status="success" title={t('public.filed')} style={{ padding: 12 }} data-testid="objection-filed" />}
          <Input.Search
            allowClear enterButton maxLength={12} placeholder={t('public.search')} style={{ marginBottom: 12 }} data-testid="public-search"
            value={typed} onChange={(event) => setTyped(event.target.value)}
            status={numberError ? 'error' : undefined}
            onSearch={(text) => {
              const wanted = text.trim().toUpperCase();
              const valid = wanted === '' || APPLICATION_NUMBER.test(wanted);
              setNumberError(!valid);
              if (!valid) return;
              setNumber(wanted || undefined);
              setPage(1);
            }}
          />
          {numberError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('errors:POINTS_NUMBER_INVALID')} />}
          {number && !list.isPlaceholderData && list.data?.total === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('errors:POINTS_OBJECTION_NOT_LISTED', { number })} data-testid="public-not-listed" />}
          {phone ? (
            <List<Item>
              dataSource={list.data?.items ?? []} data-testid="public-list" loading={list.isFetching}
              pagination={{ ...pagination, size: 'small' }}
              renderItem={(item) => (
                <List.Item extra={objectButton(item)}>
                  <List.Item.Meta
                    title={<span>{t('public.line', { rank: item.rank })} · {item.name}</span>}
                    description={<><div>{item.number}</div><div>{t('public.scores', { score: item.rankingScore, total: item.total })}</div></>}
                  />
                </List.Item>
              )}
            />
          ) : (
            <Table<Item>
              size="small" rowKey="number" dataSource={list.data?.items ?? []} data-testid="public-list" loading={list.isFetching}
              pagination={pagination}
              columns={[
                { title: t('public.rank'), dataIndex: 'rank', width: 70 },
                { title: t('public.number'), dataIndex: 'number', width: 150 },
                { title: t('public.name'), dataIndex: 'name' },
                { title: t('public.score'), dataIndex: 'rankingScore', width: 90, align: 'right' },
                { title: t('public.total'), dataIndex: 'total', width: 90, align: 'right' },
                { title: '', key: 'object', width: 110, render: (_, item) => objectButton(item) },
              ]}
            />
          )}
        </Card>
      )}
      {objecting && (
        <Modal open title={t('public.objectTitle', { number: objecting })} onCancel={() => setObjecting(null)} footer={null} destroyOnHidden>
          <ErrorAlert error={file.error} />
          <Form layout="vertical" onFinish={(v: { text: string; contactName?: string; contactPhone?: string }) => file.mutate({ number: objecting, text: v.text, contactName: v.contactName || undefined, contactPhone: v.contactPhone || undefined, transactionId }, { onSuccess: () => { setObjecting(null); setFiled(true); } })}>
            <Form.Item name="text" label={t('public.text')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
            <Form.Item name="contactName" label={t('public.contactName')}><Input maxLength={50} /></Form.Item>
            <Form.Item name="contactPhone" label={t('public.contactPhone')} rules={[{ pattern: /^1\d{10}$/ }]}><Input maxLength={11} inputMode="numeric" /></Form.Item>
            <Button type="primary" htmlType="submit" block loading={file.isPending} data-testid="submit-objection">{t('public.object')}</Button>
          </Form>
        </Modal>
      )}
    </div>
  );
}
