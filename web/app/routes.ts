import type { ReactNode } from 'react';

/** A console page a module contributes: its path, the permission it needs, and its menu entry if any. */
export type ConsoleRoute = {
  path: string;
  element: ReactNode;
  permission?: string;
  menu?: { labelKey: string; icon: ReactNode; order: number };
};

/** A portal page a module contributes, and its tile on the portal home page. */
export type PortalRoute = { path: string; element: ReactNode; tile?: { labelKey: string; icon: ReactNode } };
