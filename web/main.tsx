import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ConsoleApp } from './app/console/ConsoleApp';
import { LoginPage } from './app/console/LoginPage';
import { PortalApp } from './app/portal/PortalApp';
import { PayPage } from './modules/payments/PayPage';
import { VerifyPage } from './modules/permits/routes';
import { CalculatorPage, PublicationPage } from './modules/points/routes';
import './lib/i18n';
import { queryClient } from './lib/query-client';

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#0f5fa8', borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/portal/*" element={<PortalApp />} />
            <Route path="/verify/:token" element={<VerifyPage />} />
            <Route path="/pay/:token" element={<PayPage />} />
            <Route path="/points/calculator" element={<CalculatorPage standalone />} />
            <Route path="/points/publication/:id" element={<PublicationPage />} />
            <Route path="/*" element={<ConsoleApp />} />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
