import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '@shared/i18n';
import { setLanguage } from '../lib/i18n';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { i18n } = useTranslation();
  return (
    <Segmented
      size={size}
      aria-label="language"
      value={i18n.language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(value) => setLanguage(value as Language)}
    />
  );
}
