import { type ComponentType, lazy } from 'react';

/**
 * A page (or any component) whose code is downloaded when it is first shown, as its own chunk:
 * `lazyPage(() => import('./pages/X'), (m) => m.X)`. Render it inside a Suspense (PageFrame for pages).
 * The build's route-size report (scripts/route-sizes.mjs) reads these declarations to know which chunk each route needs.
 */
// biome-ignore lint/suspicious/noExplicitAny: any props, as React.lazy itself takes
export function lazyPage<M, C extends ComponentType<any>>(load: () => Promise<M>, pick: (m: M) => C) {
  return lazy(() => load().then((m) => ({ default: pick(m) })));
}
