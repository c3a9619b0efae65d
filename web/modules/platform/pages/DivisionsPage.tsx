import { Breadcrumb, Button, Card, Form, Input, Modal, Space, Table, Tag, App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { can } from '../../../lib/auth';
import { useCreateGrid, useDivisions } from '../api';

export function DivisionsPage({ me }: { me: MeView }) {
  const { message } = App.useApp();
  const { t } = useTranslation(['admin', 'common']);
  const [parent, setParent] = useState<string | undefined>();
  const [search, setSearch] = useState<string | undefined>();
  const [gridOpen, setGridOpen] = useState(false);
  const list = useDivisions(parent, search);
  const createGrid = useCreateGrid();
  const [form] = Form.useForm<{ name: string }>();
  const canAddGrid = can(me, 'divisions.manage') && list.data?.parent?.level === 'community';

  return (
    <Card
      title={t('divisions.title')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('divisions.name')}
            onSearch={(value) => setSearch(value || undefined)}
            style={{ width: 220 }}
          />
          {canAddGrid && (
            <Button type="primary" onClick={() => setGridOpen(true)}>
              {t('divisions.addGrid')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={list.error} />
      {!search && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={(list.data?.path ?? []).map((node) => ({
            title: <a onClick={() => setParent(node.code)}>{node.name}</a>,
          }))}
        />
      )}
      <Table
        rowKey="code"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('divisions.code'), dataIndex: 'code', width: 180 },
          {
            title: t('divisions.name'),
            dataIndex: 'name',
            render: (name: string, row) =>
              row.childCount > 0 ? (
                <a
                  onClick={() => {
                    setSearch(undefined);
                    setParent(row.code);
                  }}
                >
                  {name}
                </a>
              ) : (
                name
              ),
          },
          {
            title: t('divisions.level'),
            dataIndex: 'level',
            width: 140,
            render: (level: string) => <Tag>{t(`common:levels.${level}`)}</Tag>,
          },
          { title: t('divisions.children'), dataIndex: 'childCount', width: 120 },
        ]}
      />
      <Modal
        open={gridOpen}
        title={t('divisions.addGrid')}
        confirmLoading={createGrid.isPending}
        onCancel={() => setGridOpen(false)}
        onOk={() =>
          void form.validateFields().then((values) =>
            createGrid.mutate(
              { parentCode: list.data!.parent!.code, name: values.name },
              {
                onSuccess: () => {
                  void message.success(t('divisions.gridCreated'));
                  setGridOpen(false);
                  form.resetFields();
                },
              },
            ),
          )
        }
      >
        <ErrorAlert error={createGrid.error} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('divisions.gridName')}
            rules={[{ required: true, message: t('errors:validation.required') }, { max: 50 }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
