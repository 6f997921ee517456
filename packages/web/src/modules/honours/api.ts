import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateAward,
  CreateNomination,
  CreatePledge,
  HonourAward,
  HonourCampaign,
  HonourPledge,
  HonourRules,
  HonourStanding,
  Nomination,
  NominationDetail,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const honourKeys = {
  all: ['honours'] as const,
  campaigns: () => [...honourKeys.all, 'campaigns'] as const,
  standing: (id: string) => [...honourKeys.all, 'standing', id] as const,
  nominations: (f: Record<string, unknown>, page: number) => [...honourKeys.all, 'nominations', f, page] as const,
  nomination: (id: string) => [...honourKeys.all, 'nomination', id] as const,
  awards: (f: Record<string, unknown>, page: number) => [...honourKeys.all, 'awards', f, page] as const,
  pledges: (f: Record<string, unknown>, page: number) => [...honourKeys.all, 'pledges', f, page] as const,
};

export const useCampaigns = () =>
  useQuery({ queryKey: honourKeys.campaigns(), queryFn: () => api.get<HonourCampaign[]>('/api/honours/campaigns'), staleTime: 60_000 });
export const useStanding = (id: string) =>
  useQuery({ queryKey: honourKeys.standing(id), queryFn: () => api.get<HonourStanding>(`/api/honours/campaigns/${id}/standing`) });
export const useNominations = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: honourKeys.nominations(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Nomination>>(`/api/honours/nominations${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useNomination = (id: string) =>
  useQuery({ queryKey: honourKeys.nomination(id), queryFn: () => api.get<NominationDetail>(`/api/honours/nominations/${id}`) });
export const useAwards = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: honourKeys.awards(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<HonourAward>>(`/api/honours/awards${qs({ ...f, page, pageSize: 20 })}`),
  });
export const usePledges = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: honourKeys.pledges(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<HonourPledge>>(`/api/honours/pledges${qs({ ...f, page, pageSize: 20 })}`),
  });

export function useHonoursMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: honourKeys.all });
  const post =
    <T>(url: string) =>
    (body: unknown) =>
      api.post<T>(url, body);
  return {
    refresh: onSuccess,
    nominate: useMutation({ mutationFn: (n: CreateNomination) => api.post<NominationDetail>('/api/honours/nominations', n), onSuccess }),
    act: useMutation({
      mutationFn: ({ id, action, body }: { id: string; action: string; body?: unknown }) =>
        post<NominationDetail>(`/api/honours/nominations/${id}/${action}`)(body ?? {}),
      onSuccess,
    }),
    createAward: useMutation({ mutationFn: (a: CreateAward) => api.post<HonourAward>('/api/honours/awards', a), onSuccess }),
    revoke: useMutation({
      mutationFn: ({ id, ...b }: { id: string; revokedOn: string; reason: string }) =>
        api.post<HonourAward>(`/api/honours/awards/${id}/revoke`, b),
      onSuccess,
    }),
    reexamine: useMutation({
      mutationFn: ({ id, ...b }: { id: string; reviewedOn: string; result: 'pass' | 'fail'; note?: string }) =>
        api.post<HonourAward>(`/api/honours/awards/${id}/reexamine`, b),
      onSuccess,
    }),
    createPledge: useMutation({ mutationFn: (p: CreatePledge) => api.post<HonourPledge>('/api/honours/pledges', p), onSuccess }),
    updateCampaign: useMutation({
      mutationFn: ({
        id,
        ifMatch,
        ...b
      }: {
        id: string;
        name?: string;
        noticeDays?: number;
        rules?: HonourRules;
        active?: boolean;
        ifMatch?: number;
      }) => api.patch<HonourCampaign>(`/api/honours/campaigns/${id}`, b, { ifMatch }),
      onSuccess,
    }),
  };
}
