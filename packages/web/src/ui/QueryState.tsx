import { Alert, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { isForbidden } from './errors';
import { NoAccess } from './NoAccess';

/** Loading, error and empty states in one place, so every page shows them the same way; a 403 reads 无权访问. */
export function QueryState({
  loading,
  error,
  empty,
  emptyText,
  children,
}: {
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: ReactNode;
  children: ReactNode;
}) {
  // A refusal first: a page may still count as loading while it waits on a query the server refused.
  if (isForbidden(error)) return <NoAccess detail={error.message} />;
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (error) return <Alert type="error" showIcon title="加载失败" description={error instanceof Error ? error.message : String(error)} />;
  if (empty) return <Empty description={emptyText ?? '暂无数据'} />;
  return <>{children}</>;
}
