import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditListQuery } from '@shared/admin/admin.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAudit, useVerifyAudit } from '../api';

type Filters = {
  actor?: string;
  action?: string;
  entityId?: string;
  range?: [{ format(f: string): string }, { format(f: string): string }] | null;
};

export function AuditPage() {
  const { t } = useTranslation(['admin', 'common']);
  const [query, setQuery] = useState<Partial<AuditListQuery>>({ page: 1 });
  const audit = useAudit(query);
  const verify = useVerifyAudit();

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="verify-audit">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          message={
            verify.data.ok
              ? t('audit.verifyOk', { count: verify.data.rows })
              : t('audit.verifyBroken', { seq: verify.data.seq, reason: verify.data.detail })
          }
        />
      )}
      <ErrorAlert error={audit.error ?? verify.error} />
      <Form
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values: Filters) =>
          setQuery({
            page: 1,
            actor: values.actor || undefined,
            action: values.action || undefined,
            entityId: values.entityId || undefined,
            from: values.range?.[0].format('YYYY-MM-DD'),
            to: values.range?.[1].format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 180 }} placeholder="auth.login" />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entity')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common:search')}
          </Button>
        </Space>
      </Form>
      <Table
        rowKey="seq"
        size="small"
        loading={audit.isLoading}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: query.page ?? 1,
          pageSize: 20,
          total: audit.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => setQuery({ ...query, page }),
          showTotal: (total) => t('common:total', { count: total }),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString() },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 130 },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 200,
            render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
          },
          {
            title: t('audit.entity'),
            render: (_, row) => `${row.entityType}${row.entityId ? ` ${row.entityId}` : ''}`,
            ellipsis: true,
          },
          { title: t('audit.division'), dataIndex: 'divisionCode', width: 140 },
          { title: t('audit.ip'), dataIndex: 'ip', width: 120 },
          {
            title: t('audit.details'),
            dataIndex: 'details',
            ellipsis: true,
            render: (details: Record<string, unknown>) => JSON.stringify(details),
          },
        ]}
      />
    </Card>
  );
}
