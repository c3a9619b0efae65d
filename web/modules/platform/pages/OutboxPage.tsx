import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useOutbox } from '../api';

export function OutboxPage() {
  const { t } = useTranslation(['admin', 'common']);
  const [page, setPage] = useState(1);
  const outbox = useOutbox(page);
  return (
    <Card title={t('outbox.title')}>
      <Typography.Paragraph type="secondary">{t('outbox.hint')}</Typography.Paragraph>
      <ErrorAlert error={outbox.error} />
      <Table
        rowKey="id"
        size="small"
        loading={outbox.isLoading}
        dataSource={outbox.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: outbox.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('outbox.at'),
            dataIndex: 'createdAt',
            width: 180,
            render: (at: string) => new Date(at).toLocaleString(),
          },
          {
            title: t('outbox.channel'),
            dataIndex: 'channel',
            width: 90,
            render: (channel: string) => <Tag>{channel}</Tag>,
          },
          { title: t('outbox.recipient'), dataIndex: 'recipient', width: 140 },
          { title: t('outbox.body'), dataIndex: 'body' },
          {
            title: t('outbox.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: string) => (
              <Tag color={status === 'sent' ? 'green' : status === 'failed' ? 'red' : 'blue'}>{status}</Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
