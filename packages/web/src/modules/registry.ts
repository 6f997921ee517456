import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '@jinguo/domain';

/**
 * A menu entry: shown when the user holds any of the permissions. `badge` draws a count beside its label in the menu
 * and on its home-page card (我的待办).
 */
export type MenuEntry = {
  path: string;
  zh: string;
  en: string;
  icon?: ReactNode;
  anyOf: Permission[];
  group?: string;
  badge?: ComponentType;
};
/**
 * A page at a path. `anyOf` says who may open it; when omitted, the route takes the permissions of its module's menu
 * entry with the longest path that starts it (`/cases/:id` → the `/cases` entry). Elements are lazy pages (`lazyPage`),
 * so a page's code is downloaded when it is first opened.
 */
export type RouteEntry = { path: string; element: ReactNode; anyOf?: Permission[] };
/**
 * Each web module exports one of these from modules/<name>/index.tsx; modules/index.ts lists them.
 * `routes` render inside the signed-in shell; `bareRoutes` need a sign-in but no shell (print views);
 * `publicRoutes` need neither (a printed letter's one-time link).
 */
export type WebModule = { name: string; menu: MenuEntry[]; routes: RouteEntry[]; bareRoutes?: RouteEntry[]; publicRoutes?: RouteEntry[] };

/** Whether a route path falls under a menu path: the same path or below it (`/cases/:id` under `/cases`, not `/cases-new`). */
function under(routePath: string, menuPath: string): boolean {
  return routePath === menuPath || routePath.startsWith(menuPath.endsWith('/') ? menuPath : `${menuPath}/`);
}

/**
 * The permissions that open a route (any one of them): its own `anyOf`, else the module's nearest menu entry's.
 * null when neither says: the route guard then lets nobody in, and registry.test.ts fails.
 */
export function routePermissions(module: WebModule, route: RouteEntry): Permission[] | null {
  if (route.anyOf) return route.anyOf;
  const entry = module.menu.filter((e) => under(route.path, e.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return entry?.anyOf ?? null;
}
