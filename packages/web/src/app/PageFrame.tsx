import { Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { PageErrorBoundary } from '../ui/PageErrorBoundary';

/** Around every lazy page: a spinner while its code downloads, a reload button if that fails (reset per path). */
export function PageFrame({ children, fullscreen }: { children: ReactNode; fullscreen?: boolean }) {
  const { pathname } = useLocation();
  return (
    <PageErrorBoundary resetKey={pathname}>
      <Suspense fallback={fullscreen ? <Spin fullscreen /> : <Spin style={{ display: 'block', margin: '48px auto' }} />}>
        {children}
      </Suspense>
    </PageErrorBoundary>
  );
}
