import { CheckCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvidenceKind } from '@shared/permits/permit.schema';
import { ApiError } from '../../../lib/api';
import { useUpload } from '../api';

export type Materials = Partial<Record<EvidenceKind, { fileId: string; name: string }>>;

/** One upload per material the application needs; each file goes up at once and its id is kept. */
export function MaterialsField({ kinds, value, onChange, missing = [] }: { kinds: EvidenceKind[]; value: Materials; onChange: (next: Materials) => void; missing?: EvidenceKind[] }) {
  const { t } = useTranslation(['permits', 'errors']);
  const { message } = App.useApp();
  const upload = useUpload();
  return (
    <List
      size="small"
      bordered
      dataSource={kinds}
      renderItem={(kind) => {
        const done = value[kind];
        return (
          <List.Item
            data-testid={`material-${kind}`}
            actions={[
              <Upload
                key="upload"
                accept="image/jpeg,image/png,application/pdf"
                showUploadList={false}
                customRequest={({ file }) => {
                  upload.mutate(file as File, {
                    onSuccess: (view) => onChange({ ...value, [kind]: { fileId: view.id, name: view.name } }),
                    onError: (error) => void message.error(error instanceof ApiError ? error.localized : String(error)),
                  });
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{done ? t('counter.uploaded') : t('counter.upload')}</Button>
              </Upload>,
            ]}
          >
            <List.Item.Meta
              avatar={done ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : undefined}
              title={<Typography.Text type={missing.includes(kind) && !done ? 'danger' : undefined}>{t(`evidence.${kind}`)}</Typography.Text>}
              description={done?.name}
            />
          </List.Item>
        );
      }}
    />
  );
}

/** The evidence list an application sends, from what was uploaded. */
export function evidenceOf(materials: Materials) {
  return Object.entries(materials).flatMap(([kind, file]) => (file ? [{ kind: kind as EvidenceKind, fileId: file.fileId }] : []));
}
