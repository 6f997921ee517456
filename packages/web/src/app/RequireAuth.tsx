import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { meKey, useMe } from './auth';

/**
 * Sends a signed-out visitor to the login page, and a user with a pending password change or a second factor
 * still to enrol to their account page (the server refuses everything else until then).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    const onUnauth = () => {
      qc.setQueryData(meKey, null);
      navigate('/login', { replace: true });
    };
    window.addEventListener('jinguo:unauthenticated', onUnauth);
    return () => window.removeEventListener('jinguo:unauthenticated', onUnauth);
  }, [navigate, qc]);
  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if ((me.mustChangePassword || me.mustEnrolSecondFactor) && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <>{children}</>;
}
