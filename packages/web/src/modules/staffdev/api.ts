import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateCertificate,
  CreateDegree,
  CreateStaff,
  CreateTrainingRecord,
  Staff,
  StaffDetail,
  StudyStatus,
  UpdateStaff,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

const BASE = '/api/staffdev';

export const staffdevKeys = {
  all: ['staffdev'] as const,
  list: (f: Record<string, unknown>, page: number) => [...staffdevKeys.all, 'list', f, page] as const,
  detail: (id: string) => [...staffdevKeys.all, 'detail', id] as const,
};

export const useStaffList = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: staffdevKeys.list(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Staff>>(`${BASE}/staff${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useStaff = (id: string) =>
  useQuery({ queryKey: staffdevKeys.detail(id), queryFn: () => api.get<StaffDetail>(`${BASE}/staff/${id}`) });

export function useStaffdevMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: staffdevKeys.all });
  return {
    refresh: onSuccess,
    create: useMutation({ mutationFn: (b: CreateStaff) => api.post<StaffDetail>(`${BASE}/staff`, b), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, ...b }: UpdateStaff & { id: string }) => api.patch<StaffDetail>(`${BASE}/staff/${id}`, b),
      onSuccess,
    }),
    addTraining: useMutation({
      mutationFn: ({ id, ...b }: CreateTrainingRecord & { id: string }) => api.post<StaffDetail>(`${BASE}/staff/${id}/trainings`, b),
      onSuccess,
    }),
    deleteTraining: useMutation({
      mutationFn: ({ id, recordId }: { id: string; recordId: string }) =>
        api.delete<StaffDetail>(`${BASE}/staff/${id}/trainings/${recordId}`),
      onSuccess,
    }),
    addDegree: useMutation({
      mutationFn: ({ id, ...b }: CreateDegree & { id: string }) => api.post<StaffDetail>(`${BASE}/staff/${id}/degrees`, b),
      onSuccess,
    }),
    updateDegree: useMutation({
      mutationFn: ({ id, recordId, ...b }: { id: string; recordId: string; status: StudyStatus; completedOn?: string | null }) =>
        api.put<StaffDetail>(`${BASE}/staff/${id}/degrees/${recordId}`, b),
      onSuccess,
    }),
    addCertificate: useMutation({
      mutationFn: ({ id, ...b }: CreateCertificate & { id: string }) => api.post<StaffDetail>(`${BASE}/staff/${id}/certificates`, b),
      onSuccess,
    }),
  };
}
