import { Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useMe } from '../../lib/auth';
import { PortalHomePage } from '../../modules/portal/pages/PortalHomePage';
import { PortalLoginPage } from '../../modules/portal/pages/PortalLoginPage';
import { NotFoundPage } from '../console/StatusPages';
import { PortalLayout } from './PortalLayout';

/** The resident and landlord portal, phone first. */
export function PortalApp() {
  const me = useMe();
  if (me.isLoading) return <Spin fullscreen />;
  return (
    <Routes>
      <Route path="login" element={me.data ? <Navigate to="/portal" replace /> : <PortalLoginPage />} />
      <Route element={me.data ? <PortalLayout me={me.data} /> : <Navigate to="/portal/login" replace />}>
        <Route index element={me.data ? <PortalHomePage me={me.data} /> : null} />
        <Route path="*" element={<NotFoundPage home="/portal" />} />
      </Route>
    </Routes>
  );
}
