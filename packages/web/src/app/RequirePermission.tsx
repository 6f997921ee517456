import type { Permission } from '@jinguo/domain';
import type { ReactNode } from 'react';
import { lazyPage } from '../ui/lazyPage';
import { useCan } from './auth';

// Its own chunk (antd's Result and its illustrations): downloaded only by someone who meets it.
const NoAccess = lazyPage(() => import('../ui/NoAccess'), 'NoAccess');

/**
 * The one route guard: a page opens only for a user holding one of `anyOf` (null: for nobody — a route the
 * registry gives no permission). Anyone else gets 无权访问 with a way back, and the page's code is not even
 * downloaded. The server still decides every request; this spares the user a page that can only fail.
 * Render it inside a PageFrame (the Suspense that waits for the chunks).
 */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Permission[] | null; children: ReactNode }) {
  const can = useCan();
  if (!anyOf || !can(...anyOf)) return <NoAccess />;
  return <>{children}</>;
}
