import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Cadre,
  CadreAnalysis,
  CadreTarget,
  CreateCadre,
  CreateCadreTarget,
  CreateRecommendation,
  CreateRotation,
  PartyRecommendation,
  RecommendationStatus,
  Rotation,
  RotationDirection,
  RotationMember,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type RotationDetail = Rotation & { members: RotationMember[] };

export const cadreKeys = {
  all: ['cadres'] as const,
  list: (f: Record<string, unknown>, page: number) => [...cadreKeys.all, 'list', f, page] as const,
  analysis: (year?: number) => [...cadreKeys.all, 'analysis', year ?? null] as const,
  rotations: () => [...cadreKeys.all, 'rotations'] as const,
  rotation: (id: string) => [...cadreKeys.all, 'rotation', id] as const,
  recommendations: (f: Record<string, unknown>, page: number) => [...cadreKeys.all, 'recommendations', f, page] as const,
};

export const useCadres = (f: Record<string, unknown>, page: number, pageSize = 20) =>
  useQuery({
    queryKey: [...cadreKeys.list(f, page), pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Cadre>>(`/api/cadres${qs({ ...f, page, pageSize })}`),
  });
export const useCadreAnalysis = (year?: number) =>
  useQuery({ queryKey: cadreKeys.analysis(year), queryFn: () => api.get<CadreAnalysis>(`/api/cadres/analysis${qs({ year })}`) });
export const useRotations = () =>
  useQuery({ queryKey: cadreKeys.rotations(), queryFn: () => api.get<Rotation[]>('/api/cadres/rotations') });
export const useRotation = (id: string) =>
  useQuery({ queryKey: cadreKeys.rotation(id), queryFn: () => api.get<RotationDetail>(`/api/cadres/rotations/${id}`) });
export const useRecommendations = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: cadreKeys.recommendations(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<PartyRecommendation>>(`/api/cadres/recommendations${qs({ ...f, page, pageSize: 20 })}`),
  });

export function useCadresMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: cadreKeys.all });
  return {
    refresh: onSuccess,
    createCadre: useMutation({ mutationFn: (c: CreateCadre) => api.post<Cadre>('/api/cadres', c), onSuccess }),
    createRotation: useMutation({ mutationFn: (r: CreateRotation) => api.post<RotationDetail>('/api/cadres/rotations', r), onSuccess }),
    addMember: useMutation({
      mutationFn: ({ id, ...b }: { id: string; cadreId: string; direction: RotationDirection; hostUnit?: string | null }) =>
        api.post<RotationDetail>(`/api/cadres/rotations/${id}/members`, b),
      onSuccess,
    }),
    removeMember: useMutation({
      mutationFn: ({ id, memberId }: { id: string; memberId: string }) =>
        api.delete<RotationDetail>(`/api/cadres/rotations/${id}/members/${memberId}`),
      onSuccess,
    }),
    createRecommendation: useMutation({
      mutationFn: (r: CreateRecommendation) => api.post<PartyRecommendation>('/api/cadres/recommendations', r),
      onSuccess,
    }),
    updateCadre: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the record meanwhile).
      mutationFn: ({
        id,
        ifMatch,
        ...b
      }: Partial<CreateCadre> & { id: string; active?: boolean; leftOn?: string | null; ifMatch?: number }) =>
        api.patch<Cadre>(`/api/cadres/${id}`, b, { ifMatch }),
      onSuccess,
    }),
    createTarget: useMutation({ mutationFn: (b: CreateCadreTarget) => api.post<CadreTarget>('/api/cadres/targets', b), onSuccess }),
    deleteTarget: useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/cadres/targets/${id}`), onSuccess }),
    setStatus: useMutation({
      mutationFn: ({ id, ...b }: { id: string; status: RecommendationStatus; statusDate: string }) =>
        api.put<PartyRecommendation>(`/api/cadres/recommendations/${id}/status`, b),
      onSuccess,
    }),
  };
}
