import { Spin } from 'antd';
import { Navigate, Route, Routes, useSearchParams } from 'react-router';
import { useMe } from '../../lib/auth';
import { PortalHomePage } from '../../modules/portal/pages/PortalHomePage';
import { PortalLoginPage, portalNext } from '../../modules/portal/pages/PortalLoginPage';
import { permitsPortalRoutes } from '../../modules/permits/routes';
import { pointsPortalRoutes } from '../../modules/points/routes';
import { inspectionsPortalRoutes } from '../../modules/inspections/routes';
import { housingPortalRoutes } from '../../modules/housing/routes';
import { registryPortalRoutes } from '../../modules/registry/portal';
import { DeclarePage } from '../../modules/registry/portal/DeclarePage';
import { NotFoundPage } from '../console/StatusPages';
import { PortalLayout } from './PortalLayout';

/** The resident and landlord portal, phone first. A scanned house code opens its page before login too. */
export function PortalApp() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isLoading) return <Spin fullscreen />;
  const routes = me.data ? [...registryPortalRoutes(me.data), ...permitsPortalRoutes(me.data), ...pointsPortalRoutes(me.data), ...inspectionsPortalRoutes(me.data), ...housingPortalRoutes(me.data)] : [];
  const open = Object.fromEntries(routes.filter((route) => route.tile).map((route) => [route.tile!.labelKey, `/portal/${route.path}`]));
  return (
    <Routes>
      <Route path="login" element={me.data ? <Navigate to={portalNext(params)} replace /> : <PortalLoginPage />} />
      {!me.data && (
        <Route element={<PortalLayout me={null} />}>
          <Route path="declare/:token" element={<DeclarePage me={null} />} />
        </Route>
      )}
      <Route element={me.data ? <PortalLayout me={me.data} /> : <Navigate to="/portal/login" replace />}>
        <Route index element={me.data ? <PortalHomePage me={me.data} open={open} /> : null} />
        <Route path="declare/:token" element={<DeclarePage me={me.data ?? null} />} />
        {routes.map((route) => (
          <Route key={route.path} path={route.path} element={route.element} />
        ))}
        <Route path="*" element={<NotFoundPage home="/portal" />} />
      </Route>
    </Routes>
  );
}
