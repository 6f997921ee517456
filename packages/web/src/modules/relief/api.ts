import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  ApplicationListItem,
  CreateApplication,
  Programme,
  ProgrammeInput,
  ReliefSubmission,
} from '@jinguo/domain';
import type { Keyed } from '../../ui/idempotency';
import { api, qs } from '../../app/api';
import { fundsKeys } from '../funds/public';
import { programmeKeys } from '../../ui/programmes';

export type ApplicationFilters = {
  programmeId?: string;
  townshipId?: string;
  status?: string;
  eligible?: string;
  q?: string;
  page: number;
  pageSize: number;
};

/** Query keys of relief; mutations invalidate by these (and the ledger's, when money moves). */
export const reliefKeys = {
  all: ['relief'] as const,
  programmes: () => programmeKeys.all,
  applications: (f: ApplicationFilters) => [...reliefKeys.all, 'applications', f] as const,
  application: (id: string) => [...reliefKeys.all, 'application', id] as const,
  submissions: (programmeId?: string) => [...reliefKeys.all, 'submissions', programmeId ?? ''] as const,
  person: programmeKeys.person,
};

export const useApplications = (f: ApplicationFilters) =>
  useQuery({
    queryKey: reliefKeys.applications(f),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<{ items: ApplicationListItem[]; total: number }>(`/api/relief/applications${qs(f)}`),
  });
export const useApplication = (id: string) =>
  useQuery({ queryKey: reliefKeys.application(id), queryFn: () => api.get<ApplicationDetail>(`/api/relief/applications/${id}`) });
export const useSubmissions = (programmeId?: string) =>
  useQuery({
    queryKey: reliefKeys.submissions(programmeId),
    queryFn: () => api.get<ReliefSubmission[]>(`/api/relief/submissions${qs({ programmeId })}`),
  });
export function useReliefMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: reliefKeys.all });
    void qc.invalidateQueries({ queryKey: fundsKeys.all });
  };
  return {
    createProgramme: useMutation({
      mutationFn: (input: ProgrammeInput) => api.post<Programme>('/api/relief/programmes', input),
      onSuccess: refresh,
    }),
    updateProgramme: useMutation({
      mutationFn: ({ id, ifMatch, ...patch }: Partial<ProgrammeInput> & { id: string; active?: boolean; ifMatch?: number }) =>
        api.patch<Programme>(`/api/relief/programmes/${id}`, patch, { ifMatch }),
      onSuccess: refresh,
    }),
    createApplication: useMutation({
      mutationFn: ({ idempotencyKey, ...input }: CreateApplication & Keyed) =>
        api.post<ApplicationDetail>('/api/relief/applications', input, { idempotencyKey }),
      onSuccess: refresh,
    }),
    updateApplication: useMutation({
      mutationFn: ({ id, ifMatch, ...patch }: Record<string, unknown> & { id: string; ifMatch?: number }) =>
        api.patch<ApplicationDetail>(`/api/relief/applications/${id}`, patch, { ifMatch }),
      onSuccess: refresh,
    }),
    transition: useMutation({
      mutationFn: ({
        id,
        ...body
      }: {
        id: string;
        action: 'verify' | 'approve' | 'reject' | 'grant';
        reason?: string;
        grantAmountFen?: number;
        date?: string;
      }) => api.post<ApplicationDetail>(`/api/relief/applications/${id}/transition`, body),
      onSuccess: refresh,
    }),
    override: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<ApplicationDetail>(`/api/relief/applications/${id}/override`, { reason }),
      onSuccess: refresh,
    }),
    pay: useMutation({
      mutationFn: ({ id, paidOn, note, idempotencyKey }: { id: string; paidOn: string; note?: string } & Keyed) =>
        api.post<ApplicationDetail>(`/api/relief/applications/${id}/pay`, { paidOn, note }, { idempotencyKey }),
      onSuccess: refresh,
    }),
    reversePayment: useMutation({
      mutationFn: ({ id, reason, idempotencyKey }: { id: string; reason: string } & Keyed) =>
        api.post<ApplicationDetail>(`/api/relief/applications/${id}/reverse-payment`, { reason }, { idempotencyKey }),
      onSuccess: refresh,
    }),
    reportUp: useMutation({
      mutationFn: (body: {
        programmeId: string;
        level: 'city' | 'province';
        applicationIds: string[];
        submittedOn: string;
        note?: string;
      }) => api.post<ReliefSubmission>('/api/relief/submissions', body),
      onSuccess: refresh,
    }),
  };
}
