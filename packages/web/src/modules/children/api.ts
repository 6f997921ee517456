import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateChild,
  CreateHelp,
  CreateProxyMother,
  CreateVisit,
  LeftBehindChild,
  LeftBehindChildDetail,
  ProxyMother,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const childrenKeys = {
  all: ['children'] as const,
  list: (f: Record<string, unknown>, page: number) => [...childrenKeys.all, 'list', f, page] as const,
  child: (id: string) => [...childrenKeys.all, 'child', id] as const,
  mothers: () => [...childrenKeys.all, 'mothers'] as const,
};

export const useChildren = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: childrenKeys.list(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<LeftBehindChild>>(`/api/children${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useChild = (id: string) =>
  useQuery({ queryKey: childrenKeys.child(id), queryFn: () => api.get<LeftBehindChildDetail>(`/api/children/${id}`) });
export const useMothers = () =>
  useQuery({ queryKey: childrenKeys.mothers(), queryFn: () => api.get<ProxyMother[]>('/api/children/proxy-mothers') });

/** For the help form: the ledger's holding accounts and the approvers (the funds module's endpoints; funds.read). */
export const useHelpSources = (enabled: boolean) =>
  useQuery({
    queryKey: [...childrenKeys.all, 'help-sources'],
    enabled,
    queryFn: async () => {
      const [accounts, approvers] = await Promise.all([
        api.get<{ id: string; name: string; kind: string; balanceFen: number; active: boolean }[]>('/api/funds/accounts'),
        api.get<{ id: string; displayName: string }[]>('/api/funds/approvers'),
      ]);
      return { accounts: accounts.filter((a) => a.active && ['cash', 'budget', 'goods'].includes(a.kind)), approvers };
    },
  });

export function useChildrenMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: childrenKeys.all });
  const child = (id: string) => `/api/children/${id}`;
  return {
    refresh: onSuccess,
    createChild: useMutation({ mutationFn: (v: CreateChild) => api.post<LeftBehindChild>('/api/children', v), onSuccess }),
    endChild: useMutation({
      mutationFn: ({ id, ...v }: { id: string; endedOn: string; reason: string }) => api.post<LeftBehindChild>(`${child(id)}/end`, v),
      onSuccess,
    }),
    createMother: useMutation({ mutationFn: (v: CreateProxyMother) => api.post<ProxyMother>('/api/children/proxy-mothers', v), onSuccess }),
    pair: useMutation({
      mutationFn: ({ id, ...v }: { id: string; proxyMotherId: string; startDate: string }) =>
        api.post<LeftBehindChildDetail>(`${child(id)}/pairings`, v),
      onSuccess,
    }),
    endPairing: useMutation({
      mutationFn: ({ id, pairingId, ...v }: { id: string; pairingId: string; endDate: string; reason: string }) =>
        api.post<LeftBehindChildDetail>(`${child(id)}/pairings/${pairingId}/end`, v),
      onSuccess,
    }),
    addVisit: useMutation({
      mutationFn: ({ id, ...v }: CreateVisit & { id: string }) => api.post<LeftBehindChildDetail>(`${child(id)}/visits`, v),
      onSuccess,
    }),
    giveHelp: useMutation({
      mutationFn: ({ id, ...v }: CreateHelp & { id: string }) => api.post<LeftBehindChildDetail>(`${child(id)}/help`, v),
      onSuccess,
    }),
    reverseHelp: useMutation({
      mutationFn: ({ id, helpId, reason }: { id: string; helpId: string; reason: string }) =>
        api.post<LeftBehindChildDetail>(`${child(id)}/help/${helpId}/reverse`, { reason }),
      onSuccess,
    }),
  };
}
