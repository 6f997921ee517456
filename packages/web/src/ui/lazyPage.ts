import { type ComponentType, lazy } from 'react';

/**
 * A page (or any component) whose code is downloaded when it is first shown, as its own chunk:
 * `lazyPage(() => import('./pages/X'), 'X')` — the module and the name of its export. Render it inside a Suspense
 * (PageFrame for pages). The build's route-size report (scripts/route-sizes.mjs) reads these declarations to
 * know which chunk each route needs.
 */
// biome-ignore lint/suspicious/noExplicitAny: any props, as React.lazy itself takes
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
