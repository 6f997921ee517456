import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BeneficiaryHistory,
  CreateDisbursement,
  CreateDonation,
  CreateFundAccount,
  Disbursement,
  Donation,
  DonationReceipt,
  DonorTrace,
  FundAccount,
  FundJournalEntry,
  FundSummaryRow,
  Page,
} from '@jinguo/domain';
import type { Keyed } from '../../ui/idempotency';
import { api, qs } from '../../app/api';

/** Query keys of the ledger; every mutation invalidates the whole ledger (balances move together). */
export const fundsKeys = {
  all: ['funds'] as const,
  accounts: () => [...fundsKeys.all, 'accounts'] as const,
  journal: (p: Record<string, unknown>) => [...fundsKeys.all, 'journal', p] as const,
  donations: (p: Record<string, unknown>) => [...fundsKeys.all, 'donations', p] as const,
  disbursements: (p: Record<string, unknown>) => [...fundsKeys.all, 'disbursements', p] as const,
  receipt: (id: string) => [...fundsKeys.all, 'receipt', id] as const,
  trace: (id: string) => [...fundsKeys.all, 'trace', id] as const,
  summary: (from: string, to: string) => [...fundsKeys.all, 'summary', from, to] as const,
  approvers: () => [...fundsKeys.all, 'approvers'] as const,
  beneficiary: (id: string) => [...fundsKeys.all, 'beneficiary', id] as const,
};

export const useAccounts = () => useQuery({ queryKey: fundsKeys.accounts(), queryFn: () => api.get<FundAccount[]>('/api/funds/accounts') });
export const useJournal = (p: { accountId?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: fundsKeys.journal(p),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<FundJournalEntry>>(`/api/funds/journal${qs(p)}`),
  });
export const useDonations = (p: { programmeCode?: string; accountId?: string; q?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: fundsKeys.donations(p),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Donation>>(`/api/funds/donations${qs(p)}`),
  });
export const useDisbursements = (p: { programmeCode?: string; accountId?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: fundsKeys.disbursements(p),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Disbursement>>(`/api/funds/disbursements${qs(p)}`),
  });
export const useReceipt = (id: string) =>
  useQuery({ queryKey: fundsKeys.receipt(id), queryFn: () => api.get<DonationReceipt>(`/api/funds/donations/${id}/receipt`) });
export const useTrace = (id: string) =>
  useQuery({ queryKey: fundsKeys.trace(id), queryFn: () => api.get<DonorTrace>(`/api/funds/donations/${id}/trace`) });
export const useFundSummary = (from: string, to: string) =>
  useQuery({
    queryKey: fundsKeys.summary(from, to),
    queryFn: () => api.get<{ byProgramme: FundSummaryRow[]; byAccount: FundSummaryRow[] }>(`/api/funds/reports/summary${qs({ from, to })}`),
  });
export const useApprovers = () =>
  useQuery({
    queryKey: fundsKeys.approvers(),
    queryFn: () => api.get<{ id: string; displayName: string }[]>('/api/funds/approvers'),
    staleTime: 300_000,
  });
export const useBeneficiary = (id: string | null) =>
  useQuery({
    queryKey: fundsKeys.beneficiary(id ?? ''),
    enabled: !!id,
    queryFn: () => api.get<BeneficiaryHistory>(`/api/funds/beneficiaries/${id}`),
  });

export function useFundsMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: fundsKeys.all });
  return {
    createAccount: useMutation({
      mutationFn: (input: CreateFundAccount) => api.post<FundAccount>('/api/funds/accounts', input),
      onSuccess: refresh,
    }),
    // Money and goods: every write carries the Idempotency-Key of the dialog that sent it (a retry writes once).
    donate: useMutation({
      mutationFn: ({ idempotencyKey, ...input }: CreateDonation & Keyed) =>
        api.post<Donation>('/api/funds/donations', input, { idempotencyKey }),
      onSuccess: refresh,
    }),
    disburse: useMutation({
      mutationFn: ({ idempotencyKey, ...input }: CreateDisbursement & Keyed) =>
        api.post<Disbursement>('/api/funds/disbursements', input, { idempotencyKey }),
      onSuccess: refresh,
    }),
    reverseDonation: useMutation({
      mutationFn: ({ id, reason, idempotencyKey }: { id: string; reason: string } & Keyed) =>
        api.post<Donation>(`/api/funds/donations/${id}/reverse`, { reason }, { idempotencyKey }),
      onSuccess: refresh,
    }),
    reverseDisbursement: useMutation({
      mutationFn: ({ id, reason, idempotencyKey }: { id: string; reason: string } & Keyed) =>
        api.post<Disbursement>(`/api/funds/disbursements/${id}/reverse`, { reason }, { idempotencyKey }),
      onSuccess: refresh,
    }),
  };
}
