import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateEmployer,
  CreateExportBatch,
  CreateSeeker,
  CreateVacancy,
  Employer,
  ExportBatch,
  ExportBatchDetail,
  JobReferral,
  JobReferralOutcome,
  RecordFollowUp,
  SeekerDetail,
  SeekerMatch,
  SeekerTrainingInput,
  Seeker,
  TraineeRecord,
  UpdateSeeker,
  UpdateVacancy,
  Vacancy,
  VacancyMatch,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

type Filters = Record<string, unknown>;
const BASE = '/api/placement';

export const placementKeys = {
  all: ['placement'] as const,
  seekers: (f: Filters, page: number) => [...placementKeys.all, 'seekers', f, page] as const,
  seeker: (id: string) => [...placementKeys.all, 'seeker', id] as const,
  employers: (f: Filters, page: number) => [...placementKeys.all, 'employers', f, page] as const,
  vacancies: (f: Filters, page: number) => [...placementKeys.all, 'vacancies', f, page] as const,
  vacancy: (id: string) => [...placementKeys.all, 'vacancy', id] as const,
  matches: (kind: 'vacancy' | 'seeker', id: string) => [...placementKeys.all, 'matches', kind, id] as const,
  trainees: (id: string) => [...placementKeys.all, 'trainee-records', id] as const,
  referrals: (f: Filters, page: number) => [...placementKeys.all, 'referrals', f, page] as const,
  batches: (year: number | undefined) => [...placementKeys.all, 'batches', year] as const,
  batch: (id: string) => [...placementKeys.all, 'batch', id] as const,
};

const usePage = <T>(key: readonly unknown[], url: string, f: Filters, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...key, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<T>>(`${url}${qs({ ...f, page, pageSize })}`),
  });

export const useSeekers = (f: Filters, page: number, pageSize = 20) =>
  usePage<Seeker>(placementKeys.seekers(f, page), `${BASE}/seekers`, f, page, pageSize);
export const useSeeker = (id: string) =>
  useQuery({ queryKey: placementKeys.seeker(id), queryFn: () => api.get<SeekerDetail>(`${BASE}/seekers/${id}`) });
export const useTraineeRecords = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: placementKeys.trainees(id),
    enabled,
    queryFn: () => api.get<TraineeRecord[]>(`${BASE}/seekers/${id}/trainee-records`),
  });
export const useEmployers = (f: Filters, page: number, pageSize = 20) =>
  usePage<Employer>(placementKeys.employers(f, page), `${BASE}/employers`, f, page, pageSize);
export const useVacancies = (f: Filters, page: number, pageSize = 20) =>
  usePage<Vacancy>(placementKeys.vacancies(f, page), `${BASE}/vacancies`, f, page, pageSize);
export const useVacancy = (id: string) =>
  useQuery({ queryKey: placementKeys.vacancy(id), queryFn: () => api.get<Vacancy>(`${BASE}/vacancies/${id}`) });
export const useVacancyMatches = (id: string) =>
  useQuery({ queryKey: placementKeys.matches('vacancy', id), queryFn: () => api.get<SeekerMatch[]>(`${BASE}/vacancies/${id}/matches`) });
export const useSeekerMatches = (id: string) =>
  useQuery({ queryKey: placementKeys.matches('seeker', id), queryFn: () => api.get<VacancyMatch[]>(`${BASE}/seekers/${id}/matches`) });
export const useReferrals = (f: Filters, page: number, pageSize = 20) =>
  usePage<JobReferral>(placementKeys.referrals(f, page), `${BASE}/referrals`, f, page, pageSize);
export const useBatches = (year: number | undefined) =>
  useQuery({ queryKey: placementKeys.batches(year), queryFn: () => api.get<ExportBatch[]>(`${BASE}/exports${qs({ year })}`) });
export const useBatch = (id: string) =>
  useQuery({ queryKey: placementKeys.batch(id), queryFn: () => api.get<ExportBatchDetail>(`${BASE}/exports/${id}`) });

export function usePlacementMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: placementKeys.all });
  return {
    refresh: onSuccess,
    createSeeker: useMutation({ mutationFn: (b: CreateSeeker) => api.post<SeekerDetail>(`${BASE}/seekers`, b), onSuccess }),
    updateSeeker: useMutation({
      mutationFn: ({ id, ...b }: UpdateSeeker & { id: string }) => api.patch<SeekerDetail>(`${BASE}/seekers/${id}`, b),
      onSuccess,
    }),
    addTraining: useMutation({
      mutationFn: ({ id, ...b }: SeekerTrainingInput & { id: string }) => api.post<SeekerDetail>(`${BASE}/seekers/${id}/trainings`, b),
      onSuccess,
    }),
    createEmployer: useMutation({ mutationFn: (b: CreateEmployer) => api.post<Employer>(`${BASE}/employers`, b), onSuccess }),
    createVacancy: useMutation({ mutationFn: (b: CreateVacancy) => api.post<Vacancy>(`${BASE}/vacancies`, b), onSuccess }),
    updateVacancy: useMutation({
      mutationFn: ({ id, ...b }: UpdateVacancy & { id: string }) => api.patch<Vacancy>(`${BASE}/vacancies/${id}`, b),
      onSuccess,
    }),
    refer: useMutation({
      mutationFn: ({ vacancyId, ...b }: { vacancyId: string; seekerId: string; referredOn: string; note?: string | null }) =>
        api.post<JobReferral>(`${BASE}/vacancies/${vacancyId}/referrals`, b),
      onSuccess,
    }),
    outcome: useMutation({
      mutationFn: ({ id, ...b }: JobReferralOutcome & { id: string }) => api.put<JobReferral>(`${BASE}/referrals/${id}/outcome`, b),
      onSuccess,
    }),
    createBatch: useMutation({ mutationFn: (b: CreateExportBatch) => api.post<ExportBatchDetail>(`${BASE}/exports`, b), onSuccess }),
    addMembers: useMutation({
      mutationFn: ({ id, ...b }: { id: string; seekerIds: string[]; supportFen?: number | null }) =>
        api.post<ExportBatchDetail>(`${BASE}/exports/${id}/members`, b),
      onSuccess,
    }),
    updateMember: useMutation({
      mutationFn: ({ id, memberId, ...b }: { id: string; memberId: string; status: 'departed' | 'withdrawn' }) =>
        api.patch<ExportBatchDetail>(`${BASE}/exports/${id}/members/${memberId}`, b),
      onSuccess,
    }),
    followUp: useMutation({
      mutationFn: ({ id, memberId, ...b }: RecordFollowUp & { id: string; memberId: string }) =>
        api.post<ExportBatchDetail>(`${BASE}/exports/${id}/members/${memberId}/follow-ups`, b),
      onSuccess,
    }),
  };
}

/** The contact's full phone number (an audited read on the server). */
export const revealContact = (id: string) =>
  api.get<{ contactName: string | null; contactPhone: string | null }>(`${BASE}/employers/${id}/contact`);
