import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApprovalDetail,
  ApprovalListItem,
  ApprovalSettings,
  ApprovalStepDef,
  DecideApproval,
  DeputyList,
  Inbox,
  InboxSource,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const approvalKeys = {
  all: ['approvals'] as const,
  inbox: (source?: InboxSource) => [...approvalKeys.all, 'inbox', source ?? 'all'] as const,
  inboxCount: () => [...approvalKeys.all, 'inbox-count'] as const,
  list: (f: Record<string, unknown>, page: number) => [...approvalKeys.all, 'list', f, page] as const,
  detail: (id: string) => [...approvalKeys.all, 'detail', id] as const,
  settings: (orgUnitId?: string) => [...approvalKeys.all, 'settings', orgUnitId ?? 'mine'] as const,
  deputies: () => [...approvalKeys.all, 'deputies'] as const,
};

export const useInbox = (source?: InboxSource) =>
  useQuery({
    queryKey: approvalKeys.inbox(source),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Inbox>(`/api/inbox${qs({ source })}`),
  });
/**
 * The menu's and the home page's number: refreshed every minute and whenever approvals change; not asked before a
 * pending password change (the server then answers only /api/auth/*), as the notification bell.
 */
export const useInboxCount = (enabled: boolean) =>
  useQuery({
    queryKey: approvalKeys.inboxCount(),
    queryFn: () => api.get<{ total: number }>('/api/inbox/count'),
    enabled,
    refetchInterval: 60_000,
  });
export const useApprovals = (f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: approvalKeys.list(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<ApprovalListItem>>(`/api/approvals${qs({ ...f, page, pageSize: 20 })}`),
  });
export const useApproval = (id: string) =>
  useQuery({ queryKey: approvalKeys.detail(id), queryFn: () => api.get<ApprovalDetail>(`/api/approvals/${id}`) });
export const useApprovalSettings = (orgUnitId?: string) =>
  useQuery({
    queryKey: approvalKeys.settings(orgUnitId),
    queryFn: () => api.get<ApprovalSettings>(`/api/approvals/settings${qs({ orgUnitId })}`),
  });
export const useDeputies = () =>
  useQuery({ queryKey: approvalKeys.deputies(), queryFn: () => api.get<DeputyList>('/api/approvals/deputies') });

export function useApprovalMutations() {
  const qc = useQueryClient();
  // A decision changes the request, the inbox and the subject's record (a case's deadline): refresh them all.
  const onSuccess = () => {
    qc.invalidateQueries({ queryKey: approvalKeys.all });
    qc.invalidateQueries({ queryKey: ['cases'] });
  };
  return {
    decide: useMutation({
      mutationFn: ({ id, ...b }: DecideApproval & { id: string }) => api.post<ApprovalDetail>(`/api/approvals/${id}/decide`, b),
      onSuccess,
    }),
    resubmit: useMutation({
      mutationFn: ({ id, ...b }: { id: string; comment?: string; payload?: Record<string, unknown> }) =>
        api.post<ApprovalDetail>(`/api/approvals/${id}/resubmit`, b),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: ({ id, ...b }: { id: string; comment?: string }) => api.post<ApprovalDetail>(`/api/approvals/${id}/withdraw`, b),
      onSuccess,
    }),
    configure: useMutation({
      mutationFn: (b: { orgUnitId: string; kind: string; steps: ApprovalStepDef[] }) =>
        api.put<ApprovalSettings>('/api/approvals/settings', b),
      onSuccess,
    }),
    nameDeputy: useMutation({
      mutationFn: (b: { deputyUserId: string; from: string; to: string; reason: string }) =>
        api.post<DeputyList>('/api/approvals/deputies', b),
      onSuccess,
    }),
    revokeDeputy: useMutation({
      mutationFn: (id: string) => api.post<DeputyList>(`/api/approvals/deputies/${id}/revoke`),
      onSuccess,
    }),
  };
}
