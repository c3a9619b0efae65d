import { CloudUploadOutlined, EnvironmentOutlined, IdcardOutlined, QrcodeOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MeView } from '@shared/auth/auth.schema';
import type { ConsoleRoute } from '../../app/routes';
import { BuildingsPage } from './pages/BuildingsPage';
import { CollectPage } from './pages/CollectPage';
import { DeclarationsPage } from './pages/DeclarationsPage';
import { HousePage } from './pages/HousePage';
import { ImportsPage } from './pages/ImportsPage';
import { PersonPage } from './pages/PersonPage';
import { PersonsPage } from './pages/PersonsPage';

/**
 * `personPanels`: what other modules show on the person page (their permits, points…), given the person's id;
 * `housePanels`: the same for the house page (its grade and inspections…).
 */
export function registryConsoleRoutes(me: MeView, personPanels: ((personId: string) => ReactNode)[] = [], housePanels: ((houseId: string) => ReactNode)[] = []): ConsoleRoute[] {
  return [
    {
      path: '/registry/persons',
      element: <PersonsPage me={me} />,
      permission: 'registry.read',
      menu: { labelKey: 'registry:menu.persons', icon: <IdcardOutlined />, order: 10 },
    },
    { path: '/registry/persons/:id', element: <PersonPage me={me} panels={personPanels} />, permission: 'registry.read' },
    {
      path: '/registry/buildings',
      element: <BuildingsPage me={me} />,
      permission: 'registry.read',
      menu: { labelKey: 'registry:menu.buildings', icon: <EnvironmentOutlined />, order: 11 },
    },
    { path: '/registry/houses/:id', element: <HousePage me={me} panels={housePanels} />, permission: 'registry.read' },
    {
      path: '/registry/declarations',
      element: <DeclarationsPage />,
      permission: 'registry.read',
      menu: { labelKey: 'registry:menu.declarations', icon: <QrcodeOutlined />, order: 12 },
    },
    {
      path: '/registry/collect',
      element: <CollectPage />,
      permission: 'registry.write',
      menu: { labelKey: 'registry:menu.collect', icon: <SolutionOutlined />, order: 14 },
    },
    {
      path: '/registry/imports',
      element: <ImportsPage />,
      permission: 'registry.write',
      menu: { labelKey: 'registry:menu.imports', icon: <CloudUploadOutlined />, order: 13 },
    },
  ];
}
