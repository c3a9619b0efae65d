import { InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportView } from '@shared/registry/import.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Stacked } from '../../../components/Stacked';
import { useImports, useUploadImport } from '../api';

const STATUS_COLOR = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

/** Bulk upload of persons with their registrations, and the progress and outcome of each upload. */
export function ImportsPage() {
  const { t } = useTranslation(['registry', 'common', 'errors']);
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useImports(page);
  const upload = useUploadImport();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('imports.title')} extra={<Button href="/api/registry/imports/template.csv">{t('imports.template')}</Button>}>
        <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
        <ErrorAlert error={upload.error} />
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          customRequest={({ file }) => upload.mutate(file as File, { onSuccess: () => void message.success(t('imports.uploaded')) })}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('imports.upload')}</p>
          <p className="ant-upload-hint">{t('imports.uploadHint')}</p>
        </Upload.Dragger>
      </Card>
      <Card>
        <ErrorAlert error={list.error} />
        <Table<ImportView>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common:total', { count: total }) }}
          columns={[
            {
              title: t('imports.file'),
              key: 'file',
              render: (_, i) => (
                <Stacked note={`${dayjs(i.createdAt).format('YYYY-MM-DD HH:mm')} · ${i.createdBy ?? ''} · ${Math.max(1, Math.round(i.sizeBytes / 1024)).toLocaleString()} KB`}>
                  <Typography.Text strong>{i.fileName}</Typography.Text>
                </Stacked>
              ),
            },
            {
              title: t('imports.status'),
              key: 'status',
              width: 110,
              render: (_, i) => (
                <Stacked note={i.error ? t(`errors:${i.error}`, { mb: 512, columns: '' }) : null}>
                  <Tag color={STATUS_COLOR[i.status]}>{t(`imports.statuses.${i.status}`)}</Tag>
                </Stacked>
              ),
            },
            {
              title: t('imports.progress'),
              key: 'progress',
              width: 260,
              render: (_, i) => (
                <div data-testid={`import-progress-${i.status}`}>
                  <Progress percent={i.totalRows ? Math.floor((i.rowsDone / i.totalRows) * 100) : i.status === 'done' ? 100 : 0} size="small" status={i.status === 'failed' ? 'exception' : i.status === 'done' ? 'success' : 'active'} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${i.rowsDone.toLocaleString()} / ${i.totalRows?.toLocaleString() ?? '…'}`}</Typography.Text>
                </div>
              ),
            },
            { title: t('imports.accepted'), dataIndex: 'accepted', width: 90, align: 'right' },
            { title: t('imports.unchanged'), dataIndex: 'unchanged', width: 90, align: 'right' },
            {
              title: t('imports.rejected'),
              key: 'rejected',
              width: 170,
              align: 'right',
              render: (_, i) => (
                <Space>
                  <Typography.Text type={i.rejected > 0 ? 'danger' : undefined}>{i.rejected}</Typography.Text>
                  {i.rejected > 0 && <Button size="small" href={`/api/registry/imports/${i.id}/rejects.csv`}>{t('imports.rejects')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
