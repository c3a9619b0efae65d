import { useTranslation } from 'react-i18next';

/** Which side of a `{ zh, en }` text to show in the current language. */
export function useLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}
