import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useUpload } from '../../../lib/files';

/** Proof for one fact: each file goes up at once and its id is kept (JPEG, PNG or PDF, up to 5 MB). */
export function ProofUpload({ value, onChange, label }: { value: string[]; onChange: (ids: string[]) => void; label: string }) {
  const { t } = useTranslation('points');
  const { message } = App.useApp();
  const upload = useUpload();
  return (
    <Space wrap>
      <Upload accept="image/jpeg,image/png,application/pdf" showUploadList={false}
        customRequest={({ file }) => upload.mutate(file as File, {
          onSuccess: (view) => onChange([...value, view.id]),
          onError: (error) => void message.error(error instanceof ApiError ? error.localized : String(error)),
        })}>
        <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} aria-label={`${label} ${t('apply.upload')}`}>{t('apply.upload')}</Button>
      </Upload>
      {value.length > 0 && <Tag color="success">{t('apply.uploaded')} {value.length}</Tag>}
    </Space>
  );
}
