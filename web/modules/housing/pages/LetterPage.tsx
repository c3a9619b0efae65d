import { App, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterInput } from '@shared/housing/housing.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLetter, usePublishLetter } from '../api';

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
