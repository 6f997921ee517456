import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApproveBudgetLine,
  BudgetExecution,
  BudgetLine,
  BudgetLineDetail,
  CreateBudgetLine,
  CreateCommitment,
  SpendingCandidate,
  UpdateBudgetLine,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const budgetKeys = {
  all: ['budget'] as const,
  lines: (f: Record<string, unknown>, page: number) => [...budgetKeys.all, 'lines', f, page] as const,
  line: (id: string) => [...budgetKeys.all, 'line', id] as const,
  candidates: (id: string) => [...budgetKeys.all, 'candidates', id] as const,
  execution: (year: number) => [...budgetKeys.all, 'execution', year] as const,
};

export const useLines = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: budgetKeys.lines(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<BudgetLine>>(`/api/budget/lines${qs({ ...f, page, pageSize: 50 })}`),
  });
export const useLine = (id: string) =>
  useQuery({ queryKey: budgetKeys.line(id), queryFn: () => api.get<BudgetLineDetail>(`/api/budget/lines/${id}`) });
export const useCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: budgetKeys.candidates(id),
    enabled,
    queryFn: () => api.get<SpendingCandidate[]>(`/api/budget/lines/${id}/candidates`),
  });
export const useExecution = (year: number) =>
  useQuery({ queryKey: budgetKeys.execution(year), queryFn: () => api.get<BudgetExecution>(`/api/budget/execution?year=${year}`) });

/** The ledger's budget and cash accounts in scope, to name the account a line's appropriation is received into. */
export const useFundAccounts = (enabled: boolean) =>
  useQuery({
    queryKey: [...budgetKeys.all, 'accounts'],
    enabled,
    queryFn: async () =>
      (await api.get<{ id: string; name: string; kind: string }[]>('/api/funds/accounts')).filter(
        (a) => a.kind === 'budget' || a.kind === 'cash',
      ),
  });

export function useBudgetMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: budgetKeys.all });
  const line = (id: string) => `/api/budget/lines/${id}`;
  return {
    refresh: onSuccess,
    createLine: useMutation({ mutationFn: (v: CreateBudgetLine) => api.post<BudgetLine>('/api/budget/lines', v), onSuccess }),
    updateLine: useMutation({
      mutationFn: ({ id, ...v }: UpdateBudgetLine & { id: string }) => api.patch<BudgetLine>(line(id), v),
      onSuccess,
    }),
    submit: useMutation({
      mutationFn: ({ id, requestedOn }: { id: string; requestedOn: string }) => api.post<BudgetLine>(`${line(id)}/submit`, { requestedOn }),
      onSuccess,
    }),
    approve: useMutation({
      mutationFn: ({ id, ...v }: ApproveBudgetLine & { id: string }) => api.post<BudgetLine>(`${line(id)}/approve`, v),
      onSuccess,
    }),
    addCommitment: useMutation({
      mutationFn: ({ id, ...v }: CreateCommitment & { id: string }) => api.post<BudgetLineDetail>(`${line(id)}/commitments`, v),
      onSuccess,
    }),
    cancelCommitment: useMutation({
      mutationFn: ({ id, commitmentId, reason }: { id: string; commitmentId: string; reason: string }) =>
        api.post<BudgetLineDetail>(`${line(id)}/commitments/${commitmentId}/cancel`, { reason }),
      onSuccess,
    }),
    link: useMutation({
      mutationFn: ({ id, ...v }: { id: string; disbursementIds: string[]; commitmentId?: string | null }) =>
        api.post<BudgetLineDetail>(`${line(id)}/spending`, v),
      onSuccess,
    }),
    unlink: useMutation({
      mutationFn: ({ id, spendingId }: { id: string; spendingId: string }) =>
        api.delete<BudgetLineDetail>(`${line(id)}/spending/${spendingId}`),
      onSuccess,
    }),
  };
}
