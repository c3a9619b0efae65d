import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, NAMESPACES, resources, type Language } from '@shared/i18n';

const STORAGE_KEY = 'anju.lang';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: resources,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');

/** Switches the language of the page and of the server's messages (the cookie tells the server). */
export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.cookie = `anju_lang=${language}; path=/; SameSite=Strict; max-age=31536000`;
  document.documentElement.lang = language;
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  void i18n.changeLanguage(language);
}

export { i18n };
