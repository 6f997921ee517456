import { Alert, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';

/** Loading, error and empty states in one place, so every page shows them the same way. */
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
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (error) return <Alert type="error" showIcon title="加载失败" description={error instanceof Error ? error.message : String(error)} />;
  if (empty) return <Empty description={emptyText ?? '暂无数据'} />;
  return <>{children}</>;
}
