import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { useUpload } from '../lib/files';

/**
 * Proof or photos for one item: each file goes up at once and its id is kept (JPEG, PNG or PDF, up to 5 MB).
 * On a phone, `capture` opens the camera.
 */
export function ProofUpload({ value, onChange, label, buttonText, capture }: { value: string[]; onChange: (ids: string[]) => void; label: string; buttonText?: string; capture?: boolean }) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const upload = useUpload();
  const text = buttonText ?? t('upload');
  return (
    <Space wrap>
      <Upload accept={capture ? 'image/jpeg,image/png' : 'image/jpeg,image/png,application/pdf'} capture={capture ? 'environment' : undefined} showUploadList={false}
        customRequest={({ file }) => upload.mutate(file as File, {
          onSuccess: (view) => onChange([...value, view.id]),
          onError: (error) => void message.error(error instanceof ApiError ? error.localized : String(error)),
        })}>
        <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} aria-label={`${label} ${text}`}>{text}</Button>
      </Upload>
      {value.length > 0 && <Tag color="success">{t('uploaded')} {value.length}</Tag>}
    </Space>
  );
}
