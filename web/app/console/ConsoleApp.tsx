import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { can, useMe } from '../../lib/auth';
import { platformConsoleRoutes } from '../../modules/platform/routes';
import { PersonPermitsPanel, permitsConsoleRoutes } from '../../modules/permits/routes';
import { PersonPointsPanel, pointsConsoleRoutes } from '../../modules/points/routes';
import { registryConsoleRoutes } from '../../modules/registry/routes';
import { HouseInspectionsPanel, inspectionsConsoleRoutes } from '../../modules/inspections/routes';
import { HouseHousingPanel, HouseTaxPanel, housingConsoleRoutes } from '../../modules/housing/routes';
import { ConsoleLayout } from './ConsoleLayout';
import { ForbiddenPage, NotFoundPage } from './StatusPages';

/** The staff console: needs a staff login; pages a role may not open show 403. */
export function ConsoleApp() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Spin fullscreen />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.kind !== 'staff') return <Navigate to="/portal" replace />;
  const panels = [
    ...(can(me.data, 'permits.read') ? [(personId: string) => <PersonPermitsPanel key="permits" personId={personId} />] : []),
    ...(can(me.data, 'points.read') ? [(personId: string) => <PersonPointsPanel key="points" personId={personId} />] : []),
  ];
  const housePanels = [
    ...(can(me.data, 'housing.read') ? [
      (houseId: string) => <HouseHousingPanel key="housing" houseId={houseId} canManage={can(me.data, 'housing.manage')} />,
      (houseId: string) => <HouseTaxPanel key="tax" houseId={houseId} canManage={can(me.data, 'housing.manage')} />,
    ] : []),
    ...(can(me.data, 'inspections.read') ? [(houseId: string) => <HouseInspectionsPanel key="inspections" houseId={houseId} />] : []),
  ];
  const routes = [
    ...platformConsoleRoutes(me.data), ...registryConsoleRoutes(me.data, panels, housePanels), ...permitsConsoleRoutes(me.data), ...pointsConsoleRoutes(me.data), ...inspectionsConsoleRoutes(me.data), ...housingConsoleRoutes(me.data),
  ];
  return (
    <Routes>
      <Route element={<ConsoleLayout me={me.data} routes={routes} />}>
        {routes.map((route) => (
          <Route
            key={route.path}
            path={route.path === '/' ? undefined : route.path}
            index={route.path === '/'}
            element={can(me.data, route.permission) ? route.element : <ForbiddenPage />}
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
