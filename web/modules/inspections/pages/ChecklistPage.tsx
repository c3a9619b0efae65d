import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItemInput, ChecklistItemView } from '@shared/inspections/inspection.schema';
import { DEPARTMENTS } from '@shared/permissions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLang } from '../../../lib/lang';
import { useChecklist, useUpdateChecklistItem } from '../api';

/**
 * The 八查 checklist and grading form: items by category with their weight in the grade, whether a failure is
 * serious (referred to the department at once) and the competent department. City administrators edit them;
 * inspections from then on use the new wording and weights, and every edit is audited.
 */
export function ChecklistPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(['inspections', 'common']);
  const { message } = App.useApp();
  const lang = useLang();
  const list = useChecklist();
  const update = useUpdateChecklistItem();
  const [editing, setEditing] = useState<ChecklistItemView | null>(null);
  const [form] = Form.useForm<Required<ChecklistItemInput>>();
  const items = list.data?.items ?? [];
  const weights = items.filter((i) => i.active).reduce((a, i) => a + i.weight, 0);

  const open = (item: ChecklistItemView) => setEditing(item);

  async function save() {
    const values = await form.validateFields();
    await update.mutateAsync({ code: editing!.code, input: values });
    message.success(t('checklist.saved'));
    setEditing(null);
  }

  return (
    <Card title={t('checklist.title')}>
      <Typography.Paragraph type="secondary">{t('checklist.hint')}</Typography.Paragraph>
      {!canEdit && <Typography.Paragraph type="secondary">{t('checklist.readOnly')}</Typography.Paragraph>}
      <ErrorAlert error={list.error} />
      <Table<ChecklistItemView>
        rowKey="code" size="middle" loading={list.isLoading} dataSource={items} pagination={false} scroll={{ x: 800 }}
        onRow={(i) => ({ 'data-testid': `checklist-${i.code}` } as React.HTMLAttributes<HTMLElement>)}
        footer={() => t('checklist.totalWeight', { weight: weights })}
        columns={[
          { title: t('checklist.category'), key: 'category', width: 110, render: (_, i) => t(`category.${i.category}`) },
          { title: t('checklist.item'), key: 'label', render: (_, i) => <Typography.Text delete={!i.active}>{i.label[lang]}</Typography.Text> },
          { title: t('checklist.weight'), dataIndex: 'weight', width: 80, align: 'right' },
          { title: t('checklist.serious'), key: 'serious', width: 90, render: (_, i) => (i.serious ? <Tag color="red">{t('hazard.serious')}</Tag> : '—') },
          { title: t('hazard.department'), key: 'department', width: 150, render: (_, i) => t(`common:departments.${i.department}`) },
          { title: t('checklist.active'), key: 'active', width: 80, render: (_, i) => (i.active ? <Tag color="green">{t('checklist.on')}</Tag> : <Tag>{t('checklist.off')}</Tag>) },
          ...(canEdit ? [{ title: t('common:actions'), key: 'edit', width: 90, render: (_: unknown, i: ChecklistItemView) => <Button size="small" onClick={() => open(i)}>{t('checklist.edit')}</Button> }] : []),
        ]}
      />
      <Modal open={editing !== null} title={editing ? t('checklist.editTitle', { item: editing.label[lang] }) : ''} onCancel={() => setEditing(null)} onOk={save} confirmLoading={update.isPending} okText={t('checklist.save')} destroyOnHidden>
        <ErrorAlert error={update.error} />
        <Form form={form} layout="vertical" key={editing?.code} initialValues={editing ? { label: editing.label, weight: editing.weight, serious: editing.serious, department: editing.department, active: editing.active } : undefined}>
          <Form.Item name={['label', 'zh']} label={t('checklist.labelZh')} rules={[{ required: true, min: 2, max: 80 }]}><Input /></Form.Item>
          <Form.Item name={['label', 'en']} label={t('checklist.labelEn')} rules={[{ required: true, min: 2, max: 120 }]}><Input /></Form.Item>
          <Form.Item name="weight" label={t('checklist.weight')} rules={[{ required: true }]} extra={t('checklist.weightHint')}><InputNumber min={0} max={100} precision={0} /></Form.Item>
          <Form.Item name="department" label={t('hazard.department')} rules={[{ required: true }]}>
            <Select options={DEPARTMENTS.map((d) => ({ value: d, label: t(`common:departments.${d}`) }))} />
          </Form.Item>
          <Form.Item name="serious" label={t('checklist.serious')} valuePropName="checked" extra={t('checklist.seriousHint')}><Switch /></Form.Item>
          <Form.Item name="active" label={t('checklist.active')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
