import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateIndicator,
  Indicator,
  IndicatorEntry,
  IndicatorEvaluation,
  IndicatorRegion,
  IndicatorValue,
  IndicatorValueEvent,
  IndicatorValueInput,
  UpdateIndicator,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: (f: Record<string, unknown>) => [...indicatorKeys.all, 'list', f] as const,
  regions: () => [...indicatorKeys.all, 'regions'] as const,
  entry: (year: number, regionOrgId: string) => [...indicatorKeys.all, 'entry', year, regionOrgId] as const,
  values: (f: Record<string, unknown>) => [...indicatorKeys.all, 'values', f] as const,
  events: (id: string) => [...indicatorKeys.all, 'events', id] as const,
  evaluation: (f: Record<string, unknown>) => [...indicatorKeys.all, 'evaluation', f] as const,
};

export const useIndicators = (f: {
  outline?: string;
  area?: string;
  q?: string;
  responsibleOrgId?: string;
  includeInactive?: 'true' | 'false';
}) =>
  useQuery({
    queryKey: indicatorKeys.list(f),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Indicator[]>(`/api/indicators${qs(f)}`),
  });

/** The district first, then its townships / streets: the regions the caller may read or report for. */
export const useIndicatorRegions = () =>
  useQuery({ queryKey: indicatorKeys.regions(), staleTime: 60_000, queryFn: () => api.get<IndicatorRegion[]>('/api/indicators/regions') });

export const useIndicatorEntry = (year: number | null, regionOrgId: string | null) =>
  useQuery({
    queryKey: indicatorKeys.entry(year ?? 0, regionOrgId ?? ''),
    enabled: !!year && !!regionOrgId,
    queryFn: () => api.get<IndicatorEntry>(`/api/indicators/entry${qs({ year, regionOrgId })}`),
  });

export const useIndicatorValues = (f: { year: number; regionOrgId?: string; status?: string; outline?: string; indicatorId?: string }) =>
  useQuery({
    queryKey: indicatorKeys.values(f),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<IndicatorValue[]>(`/api/indicators/values${qs(f)}`),
  });

export const useIndicatorValueEvents = (id: string | null) =>
  useQuery({
    queryKey: indicatorKeys.events(id ?? ''),
    enabled: !!id,
    queryFn: () => api.get<IndicatorValueEvent[]>(`/api/indicators/values/${id}/events`),
  });

export const useIndicatorEvaluation = (f: { year: number; regionOrgId?: string; outline?: string }) =>
  useQuery({
    queryKey: indicatorKeys.evaluation(f),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<IndicatorEvaluation>(`/api/indicators/evaluation${qs(f)}`),
  });

export function useIndicatorMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: indicatorKeys.all });
  return {
    refresh: onSuccess,
    create: useMutation({ mutationFn: (b: CreateIndicator) => api.post<Indicator>('/api/indicators', b), onSuccess }),
    update: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the indicator meanwhile).
      mutationFn: ({ id, ifMatch, ...b }: UpdateIndicator & { id: string; ifMatch?: number }) =>
        api.patch<Indicator>(`/api/indicators/${id}`, b, { ifMatch }),
      onSuccess,
    }),
    importDefaults: useMutation({
      mutationFn: (ownerOrgId: string) => api.post<{ added: number }>('/api/indicators/defaults', { ownerOrgId }),
      onSuccess,
    }),
    save: useMutation({
      mutationFn: (b: { year: number; regionOrgId: string; values: IndicatorValueInput[] }) =>
        api.put<IndicatorValue[]>('/api/indicators/values', b),
      onSuccess,
    }),
    submit: useMutation({ mutationFn: (ids: string[]) => api.post<IndicatorValue[]>('/api/indicators/values/submit', { ids }), onSuccess }),
    approve: useMutation({
      mutationFn: (ids: string[]) => api.post<IndicatorValue[]>('/api/indicators/values/approve', { ids }),
      onSuccess,
    }),
    return: useMutation({
      mutationFn: (b: { ids: string[]; reason: string }) => api.post<IndicatorValue[]>('/api/indicators/values/return', b),
      onSuccess,
    }),
    reopen: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<IndicatorValue>(`/api/indicators/values/${id}/reopen`, { reason }),
      onSuccess,
    }),
  };
}
