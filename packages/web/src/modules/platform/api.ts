import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditLogEntry, AuditVerification, Page, Settings, SettingsOut } from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type AuditFilters = { actor?: string; action?: string; entityType?: string; from?: string; to?: string };

/** Query keys of the platform pages (audit trail, security settings). */
export const platformKeys = {
  audit: (f: AuditFilters, page: number, pageSize: number) => ['audit', f, page, pageSize] as const,
  settings: () => ['settings'] as const,
};

export function useAuditLog(f: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: platformKeys.audit(f, page, pageSize),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<AuditLogEntry>>(`/api/audit${qs({ ...f, page, pageSize })}`),
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
