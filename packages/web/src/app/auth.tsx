import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@jinguo/domain';
import { api, ApiError, setCsrfToken } from './api';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user (null when signed out). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const me = await api.get<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** What the server said this user may do; the page only shows or hides, the server decides. */
export function useCan() {
  const { data } = useMe();
  const perms = new Set<Permission>(data?.permissions ?? []);
  return (...anyOf: Permission[]) => anyOf.some((p) => perms.has(p));
}

export function useAuthActions() {
  const qc = useQueryClient();
  return {
    /** Signs in; `totpCode` once the server has asked for the second factor (SECOND_FACTOR_REQUIRED). */
    async login(username: string, password: string, totpCode?: string) {
      const me = await api.post<Me>('/api/auth/login', { username, password, ...(totpCode && { totpCode }) });
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(meKey, me);
      return me;
    },
    async logout() {
      try {
        await api.post('/api/auth/logout');
      } finally {
        setCsrfToken(null);
        qc.clear();
        qc.setQueryData(meKey, null);
      }
    },
  };
}
