import type { ReactNode } from 'react';
import type { Permission } from '@jinguo/domain';

/** A menu entry: shown when the user holds any of the permissions. */
export type MenuEntry = { path: string; zh: string; en: string; icon?: ReactNode; anyOf: Permission[]; group?: string };
export type RouteEntry = { path: string; element: ReactNode };
/**
 * Each web module exports one of these from modules/<name>/index.tsx; modules/index.ts lists them.
 * `routes` render inside the signed-in shell; `bareRoutes` need a sign-in but no shell (print views);
 * `publicRoutes` need neither (a printed letter's one-time link).
 */
export type WebModule = { name: string; menu: MenuEntry[]; routes: RouteEntry[]; bareRoutes?: RouteEntry[]; publicRoutes?: RouteEntry[] };
