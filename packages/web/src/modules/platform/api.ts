import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type AuditEntry = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitId: string | null;
  detail: string | null;
  hash: string;
};
export type AuditFilters = { actor?: string; action?: string; entityType?: string; from?: string; to?: string };
export type AuditProblem = { kind: 'content' | 'link' | 'missing' | 'head'; seq: number; toSeq?: number; reason: string };
export type AuditVerification = {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
  problemCount: number;
  firstBrokenSeq?: number;
  reason?: string;
};
export type SettingsOut = { values: Settings; labels: Record<string, string> };

/** Query keys of the platform pages (audit trail, security settings). */
export const platformKeys = {
  audit: (f: AuditFilters, page: number, pageSize: number) => ['audit', f, page, pageSize] as const,
  settings: () => ['settings'] as const,
};

export function useAuditLog(f: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: platformKeys.audit(f, page, pageSize),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>(`/api/audit${qs({ ...f, page, pageSize })}`),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
}

export function useSettings() {
  return useQuery({ queryKey: platformKeys.settings(), queryFn: () => api.get<SettingsOut>('/api/settings') });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => api.patch<SettingsOut>('/api/settings', patch),
    onSuccess: (data) => qc.setQueryData(platformKeys.settings(), data),
  });
}
