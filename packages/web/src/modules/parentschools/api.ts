import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateClass,
  CreateOrder,
  CreateSite,
  CreateTeacher,
  CreateTextbook,
  LinkableSession,
  OrderTotals,
  ParentSchoolClass,
  ParentSchoolSite,
  ParentSchoolTeacher,
  Textbook,
  TextbookOrder,
  UpdateOrder,
  UpdateSite,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const parentSchoolKeys = {
  all: ['parentschools'] as const,
  sites: (f: Record<string, unknown>, page: number) => [...parentSchoolKeys.all, 'sites', f, page] as const,
  classes: (f: Record<string, unknown>, page: number) => [...parentSchoolKeys.all, 'classes', f, page] as const,
  linkable: (year: number) => [...parentSchoolKeys.all, 'linkable', year] as const,
  teachers: () => [...parentSchoolKeys.all, 'teachers'] as const,
  textbooks: () => [...parentSchoolKeys.all, 'textbooks'] as const,
  orders: (f: Record<string, unknown>, page: number) => [...parentSchoolKeys.all, 'orders', f, page] as const,
  totals: (year: number) => [...parentSchoolKeys.all, 'totals', year] as const,
};

export const useSites = (f: Record<string, unknown>, page: number, pageSize = 20) =>
  useQuery({
    queryKey: [...parentSchoolKeys.sites(f, page), pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<ParentSchoolSite>>(`/api/parentschools/sites${qs({ ...f, page, pageSize })}`),
  });
export const useClasses = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: parentSchoolKeys.classes(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<ParentSchoolClass>>(`/api/parentschools/classes${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useLinkableSessions = (year: number, enabled: boolean) =>
  useQuery({
    queryKey: parentSchoolKeys.linkable(year),
    enabled,
    queryFn: () => api.get<LinkableSession[]>(`/api/parentschools/linkable-sessions?year=${year}`),
  });
export const useTeachers = () =>
  useQuery({ queryKey: parentSchoolKeys.teachers(), queryFn: () => api.get<ParentSchoolTeacher[]>('/api/parentschools/teachers') });
export const useTextbooks = () =>
  useQuery({ queryKey: parentSchoolKeys.textbooks(), queryFn: () => api.get<Textbook[]>('/api/parentschools/textbooks') });
export const useOrders = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: parentSchoolKeys.orders(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<TextbookOrder>>(`/api/parentschools/orders${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useOrderTotals = (year: number) =>
  useQuery({
    queryKey: parentSchoolKeys.totals(year),
    queryFn: () => api.get<OrderTotals>(`/api/parentschools/orders/totals?year=${year}`),
  });

export function useParentSchoolMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: parentSchoolKeys.all });
  return {
    refresh: onSuccess,
    createSite: useMutation({ mutationFn: (s: CreateSite) => api.post<ParentSchoolSite>('/api/parentschools/sites', s), onSuccess }),
    updateSite: useMutation({
      mutationFn: ({ id, ...patch }: UpdateSite & { id: string }) => api.patch<ParentSchoolSite>(`/api/parentschools/sites/${id}`, patch),
      onSuccess,
    }),
    createTeacher: useMutation({
      mutationFn: (v: CreateTeacher) => api.post<ParentSchoolTeacher>('/api/parentschools/teachers', v),
      onSuccess,
    }),
    createClass: useMutation({ mutationFn: (v: CreateClass) => api.post<ParentSchoolClass>('/api/parentschools/classes', v), onSuccess }),
    linkSession: useMutation({
      mutationFn: (v: { siteId: string; trainingSessionId: string }) => api.post<ParentSchoolClass>('/api/parentschools/classes/link', v),
      onSuccess,
    }),
    deleteClass: useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/parentschools/classes/${id}`), onSuccess }),
    createTextbook: useMutation({ mutationFn: (v: CreateTextbook) => api.post<Textbook>('/api/parentschools/textbooks', v), onSuccess }),
    createOrder: useMutation({ mutationFn: (v: CreateOrder) => api.post<TextbookOrder>('/api/parentschools/orders', v), onSuccess }),
    updateOrder: useMutation({
      mutationFn: ({ id, ...patch }: UpdateOrder & { id: string }) => api.patch<TextbookOrder>(`/api/parentschools/orders/${id}`, patch),
      onSuccess,
    }),
  };
}
