import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgencyReferral,
  CaseCategory,
  CaseDetail,
  CaseListItem,
  CaseTransition,
  HandoverTarget,
  Holiday,
  OverdueBoard,
  Page,
  Referral,
  ReferralLetter,
} from '@jinguo/domain';
import type { Keyed } from '../../ui/idempotency';
import { api, ApiError, qs } from '../../app/api';

export type CaseFilters = {
  status?: string[];
  orgUnitId?: string;
  category?: string;
  channel?: string;
  risk?: string;
  from?: string;
  to?: string;
  q?: string;
  applicantId?: string;
  sort?: 'received_desc' | 'received_asc';
};
// The answers' types come from the domain schemas the server sends them with (z.infer), never retyped here.
export type CasesPage = Page<CaseListItem>;
export type InboxPage = Page<AgencyReferral>;
export type RespondKind = 'accept' | 'decline' | 'outcome';

/** Query keys of the cases module (cases, referrals, inbox, calendar); mutations invalidate by these. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (f: CaseFilters, page: number, pageSize: number) => [...caseKeys.all, 'list', f, page, pageSize] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  categories: () => [...caseKeys.all, 'categories'] as const,
  overdue: () => [...caseKeys.all, 'overdue'] as const,
  inbox: (status: string, page: number) => [...caseKeys.all, 'inbox', status, page] as const,
  agencyReferral: (id: string) => [...caseKeys.all, 'agency', id] as const,
  holidays: (year: number) => [...caseKeys.all, 'holidays', year] as const,
};

export const caseListUrl = (f: CaseFilters, page: number, pageSize: number) => `/api/cases${qs({ ...f, page, pageSize })}`;

export function useCases(f: CaseFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(f, page, pageSize),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () => api.get<CasesPage>(caseListUrl(f, page, pageSize)),
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/api/cases/${id}`), retry: false });
}

/** The federation units below a case's unit that it may be passed on to (转送/交办). */
export function useHandoverTargets(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKeys.detail(id), 'handover-targets'],
    queryFn: () => api.get<HandoverTarget[]>(`/api/cases/${id}/handover-targets`),
    enabled,
  });
}

export function useCategories() {
  return useQuery({ queryKey: caseKeys.categories(), queryFn: () => api.get<CaseCategory[]>('/api/cases/categories'), staleTime: 300_000 });
}

export function useOverdue() {
  return useQuery({ queryKey: caseKeys.overdue(), queryFn: () => api.get<OverdueBoard>('/api/cases/overdue') });
}

export function useInbox(status: 'open' | 'closed' | 'all', page: number, pageSize = 20) {
  return useQuery({
    queryKey: caseKeys.inbox(status, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<InboxPage>(`/api/agency/referrals${qs({ status: status === 'all' ? undefined : status, page, pageSize })}`),
  });
}

export function useAgencyReferral(id: string) {
  return useQuery({
    queryKey: caseKeys.agencyReferral(id),
    queryFn: () => api.get<AgencyReferral>(`/api/agency/referrals/${id}`),
    retry: false,
  });
}

export function useHolidays(year: number) {
  return useQuery({ queryKey: caseKeys.holidays(year), queryFn: () => api.get<Holiday[]>(`/api/holidays${qs({ year })}`) });
}

/** Every case write: each refreshes the case's own view and the lists (a step moves it between lists). */
export function useCaseMutations(id?: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: caseKeys.all });
  const on = { onSuccess: refresh };
  return {
    register: useMutation({
      mutationFn: ({ idempotencyKey, ...input }: Record<string, unknown> & Keyed) =>
        api.post<{ id: string; caseNo: string }>('/api/cases', input, { idempotencyKey }),
      ...on,
    }),
    // ifMatch: the version of the case the form was filled from (412 if someone changed it meanwhile).
    update: useMutation({
      mutationFn: ({ ifMatch, ...patch }: Record<string, unknown> & { ifMatch?: number }) =>
        api.patch<CaseDetail>(`/api/cases/${id}`, patch, { ifMatch }),
      ...on,
    }),
    transition: useMutation({
      mutationFn: ({ t, body }: { t: CaseTransition; body: unknown }) => api.post<CaseDetail>(`/api/cases/${id}/${t}`, body),
      ...on,
    }),
    extend: useMutation({
      mutationFn: (body: { days: number; reason: string; date?: string }) => api.post<CaseDetail>(`/api/cases/${id}/extend`, body),
      ...on,
    }),
    addAction: useMutation({ mutationFn: (body: unknown) => api.post<CaseDetail>(`/api/cases/${id}/actions`, body), ...on }),
    assessRisk: useMutation({
      mutationFn: (body: unknown) => api.post<{ level: string; label: string }>(`/api/cases/${id}/risk`, body),
      ...on,
    }),
    addConsent: useMutation({ mutationFn: (body: unknown) => api.post<{ id: string }>(`/api/cases/${id}/consents`, body), ...on }),
    withdrawConsent: useMutation({
      mutationFn: ({ consentId, date }: { consentId: string; date?: string }) =>
        api.post<CaseDetail>(`/api/cases/${id}/consents/${consentId}/withdraw`, { date }),
      ...on,
    }),
    refer: useMutation({
      mutationFn: ({ idempotencyKey, ...body }: Record<string, unknown> & Keyed) =>
        api.post<Referral>(`/api/cases/${id}/referrals`, body, { idempotencyKey }),
      ...on,
    }),
    revoke: useMutation({
      mutationFn: ({ referralId, reason }: { referralId: string; reason: string }) =>
        api.post<Referral>(`/api/referrals/${referralId}/revoke`, { reason }),
      ...on,
    }),
    // 转送/交办, 报结, 督办: each with the version of the case the dialog was opened on (412 if changed meanwhile).
    handOver: useMutation({
      mutationFn: ({ ifMatch, ...body }: Record<string, unknown> & { ifMatch?: number }) =>
        api.post<CaseDetail>(`/api/cases/${id}/handover`, body, { ifMatch }),
      ...on,
    }),
    reportHandover: useMutation({
      mutationFn: ({ ifMatch, ...body }: { result: string; date: string; ifMatch?: number }) =>
        api.post<CaseDetail>(`/api/cases/${id}/handover/report`, body, { ifMatch }),
      ...on,
    }),
    pressHandover: useMutation({
      mutationFn: ({ ifMatch, ...body }: { note: string; ifMatch?: number }) =>
        api.post<CaseDetail>(`/api/cases/${id}/handover/press`, body, { ifMatch }),
      ...on,
    }),
    revealApplicant: useMutation({
      mutationFn: () =>
        api.post<{ idNumber: string | null; phone: string | null; address: string | null }>(`/api/cases/${id}/reveal-applicant`),
    }),
  };
}

export function useAgencyRespond(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: RespondKind; body: unknown }) =>
      api.post<AgencyReferral>(`/api/agency/referrals/${id}/${kind}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function useHolidayMutations() {
  const qc = useQueryClient();
  const on = { onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }) };
  return {
    save: useMutation({
      mutationFn: ({ date, kind, name }: Holiday) => api.put<{ recomputed: number }>(`/api/holidays/${date}`, { kind, name }),
      ...on,
    }),
    remove: useMutation({ mutationFn: (date: string) => api.delete<{ recomputed: number }>(`/api/holidays/${date}`), ...on }),
  };
}

export const issueLetter = (referralId: string) => api.post<ReferralLetter>(`/api/referrals/${referralId}/letter`);

/** The public link's own client: no session cookie (a signed-in browser must not turn the link into its session). */
async function publicRequest<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'omit',
    headers: body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    throw new ApiError(res.status, data?.code ?? 'ERROR', data?.message ?? `请求失败（${res.status}）`, data?.fields);
  }
  return data as T;
}

export function useLinkReferral(token: string) {
  return useQuery({
    queryKey: ['public-link', token],
    queryFn: () => publicRequest<AgencyReferral>('GET', `/api/public/referral-links/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function useLinkRespond(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: RespondKind; body: unknown }) =>
      publicRequest<AgencyReferral>('POST', `/api/public/referral-links/${encodeURIComponent(token)}/${kind}`, body),
    onSuccess: (data) => qc.setQueryData(['public-link', token], data),
  });
}
