import { App, Button, Card, Form, Input, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterCoverageView, LetterInput } from '@shared/housing/housing.schema';
import { useDivisionDrill } from '../../../components/DivisionDrill';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { percent } from '../../../lib/percent';
import { useLetter, useLetterCoverage, usePublishLetter } from '../api';

type CoverageRow = LetterCoverageView['rows'][number];

/** How many rental houses signed the version in force, per jurisdiction below the caller's; a row opens the ones below it. */
function LetterCoverage() {
  const { t } = useTranslation(['housing', 'common']);
  const { division, breadcrumb, onRow } = useDivisionDrill('coverage-row');
  const coverage = useLetterCoverage(division);
  const data = coverage.data;
  const share = (r: { houses: number; signed: number }) => (
    <Space size={8}><Progress percent={r.houses ? Math.min(100, Math.round((r.signed / r.houses) * 100)) : 0} size="small" showInfo={false} style={{ width: 80, margin: 0 }} />{percent(r.signed, r.houses)}</Space>
  );
  return (
    <Card size="small" title={data ? t('letter.coverage', { version: data.version }) : t('letter.coverageTitle')} style={{ marginTop: 16 }} data-testid="letter-coverage">
      <Typography.Paragraph type="secondary">{t('letter.coverageHint', { asOf: data?.asOf ?? '—' })}</Typography.Paragraph>
      {breadcrumb(data?.division.name, t('letter.mine'))}
      <ErrorAlert error={coverage.error} />
      <Table<CoverageRow>
        rowKey="code" size="small" loading={coverage.isLoading} dataSource={data?.rows ?? []} pagination={false} scroll={{ x: 560 }}
        onRow={onRow(data?.division.code)}
        summary={() => data && (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{t('letter.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{data.total.houses}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{data.total.signed}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{share(data.total)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('letter.division'), dataIndex: 'name', width: 180 },
          { title: t('letter.houses'), dataIndex: 'houses', align: 'right', width: 100 },
          { title: t('letter.signedCurrent'), dataIndex: 'signed', align: 'right', width: 120 },
          { title: t('letter.share'), key: 'share', width: 160, render: (_, r) => share(r) },
        ]}
      />
    </Card>
  );
}

/** The safety responsibility letter (安全管理责任书) in force; the city publishes a new version, which landlords sign again. */
export function LetterPage({ canPublish }: { canPublish: boolean }) {
  const { t } = useTranslation(['housing', 'common']);
  const { message } = App.useApp();
  const letter = useLetter();
  const publish = usePublishLetter();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LetterInput>();
  const l = letter.data;
  return (
    <Card title={t('letter.title')} loading={letter.isLoading} extra={canPublish && l && <Button onClick={() => { publish.reset(); setOpen(true); }}>{t('letter.publish')}</Button>}>
      <Typography.Paragraph type="secondary">{t('letter.hint')}</Typography.Paragraph>
      {!canPublish && <Typography.Paragraph type="secondary">{t('letter.readOnly')}</Typography.Paragraph>}
      <ErrorAlert error={letter.error} />
      {l && (
        <div data-testid="letter-in-force">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{l.title}</Typography.Title>
            <Tag color="blue">{t('letter.version', { version: l.version })}</Tag>
            <Typography.Text type="secondary">{t('letter.publishedOn', { date: l.publishedOn })}</Typography.Text>
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxWidth: 820 }}>{l.body}</Typography.Paragraph>
        </div>
      )}
      <LetterCoverage />
      <Modal open={open} width={760} title={t('letter.publish')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: publish.isPending }} destroyOnHidden>
        <ErrorAlert error={publish.error} />
        <Form form={form} layout="vertical" initialValues={l ? { title: l.title, body: l.body } : undefined}
          onFinish={(values) => publish.mutate(values, {
            onSuccess: (v) => { setOpen(false); void message.success(v.version === l?.version ? t('letter.same') : t('letter.published', { version: v.version })); },
          })}>
          <Form.Item name="title" label={t('letter.titleLabel')} rules={[{ required: true, min: 4, max: 80, message: t('letter.titleRequired') }]}><Input /></Form.Item>
          <Form.Item name="body" label={t('letter.bodyLabel')} rules={[{ required: true, min: 50, max: 20_000, message: t('letter.bodyRequired') }]}><Input.TextArea rows={14} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
