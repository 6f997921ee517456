import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DashboardOut,
  EditParagraph,
  FactRecordsOut,
  FactsOut,
  MovedFigure,
  ReportOrgOut,
  SummaryContent,
  SummaryListItem,
  SummaryOut,
  SummaryStatus,
  SummaryVersion,
  TemplateBody,
  TemplateOut,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

/** Query keys of the reports module: mutations invalidate by these. */
export const reportsKeys = {
  all: ['reports'] as const,
  scopes: () => [...reportsKeys.all, 'scopes'] as const,
  facts: (year: number, org?: string) => [...reportsKeys.all, 'facts', year, org ?? ''] as const,
  records: (q: RecordsQuery) => [...reportsKeys.all, 'records', q] as const,
  dashboard: (year: number, org?: string, fact?: string) => [...reportsKeys.all, 'dashboard', year, org ?? '', fact ?? ''] as const,
  templates: () => [...reportsKeys.all, 'templates'] as const,
  summaries: (year?: number, org?: string) => [...reportsKeys.all, 'summaries', year ?? '', org ?? ''] as const,
  summary: (id: string) => [...reportsKeys.all, 'summary', id] as const,
  moved: (id: string) => [...reportsKeys.all, 'summary', id, 'moved'] as const,
  versions: (id: string) => [...reportsKeys.all, 'summary', id, 'versions'] as const,
  version: (id: string, v: number) => [...reportsKeys.all, 'summary', id, 'version', v] as const,
};

export type ScopeUnit = ReportOrgOut & { depth: number };
export type RecordsQuery = {
  name: string;
  params: Record<string, string>;
  year: number;
  org?: string;
  month?: number;
  page: number;
  pageSize: number;
};

export function useScopes() {
  return useQuery({ queryKey: reportsKeys.scopes(), queryFn: () => api.get<ScopeUnit[]>('/api/reports/scopes'), staleTime: 5 * 60_000 });
}

export function useFacts(year: number, org?: string) {
  return useQuery({ queryKey: reportsKeys.facts(year, org), queryFn: () => api.get<FactsOut>(`/api/facts${qs({ year, org })}`) });
}

export function useFactRecords(q: RecordsQuery | null) {
  return useQuery({
    queryKey: q ? reportsKeys.records(q) : [...reportsKeys.all, 'records', 'none'],
    enabled: !!q,
    placeholderData: keepPreviousData,
    queryFn: () =>
      api.get<FactRecordsOut>(
        `/api/facts/${encodeURIComponent(q!.name)}/records${qs({ ...q!.params, year: q!.year, org: q!.org, month: q!.month, page: q!.page, pageSize: q!.pageSize })}`,
      ),
  });
}

export function useDashboard(year: number, org?: string, fact?: string) {
  return useQuery({
    queryKey: reportsKeys.dashboard(year, org, fact),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<DashboardOut>(`/api/reports/dashboard${qs({ year, org, fact })}`),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: reportsKeys.templates(), queryFn: () => api.get<TemplateOut[]>('/api/reports/templates') });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    // ifMatch: the version of the template being edited (412 if someone changed it meanwhile).
    mutationFn: (v: { id?: string; name: string; body?: TemplateBody; ifMatch?: number }) =>
      v.id
        ? api.patch<TemplateOut>(`/api/reports/templates/${v.id}`, { name: v.name, body: v.body }, { ifMatch: v.ifMatch })
        : api.post<TemplateOut>('/api/reports/templates', { name: v.name, body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportsKeys.templates() }),
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/reports/templates/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportsKeys.templates() }),
  });
}

export function useSummaries(year?: number, org?: string, status?: SummaryStatus) {
  return useQuery({
    queryKey: [...reportsKeys.summaries(year, org), status ?? ''],
    queryFn: () => api.get<SummaryListItem[]>(`/api/reports/summaries${qs({ year, org, status })}`),
  });
}

export function useSummary(id: string) {
  return useQuery({ queryKey: reportsKeys.summary(id), queryFn: () => api.get<SummaryOut>(`/api/reports/summaries/${id}`) });
}

export function useMovedFigures(id: string, enabled: boolean) {
  return useQuery({
    queryKey: reportsKeys.moved(id),
    enabled,
    queryFn: () => api.get<MovedFigure[]>(`/api/reports/summaries/${id}/moved`),
  });
}

export function useVersions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: reportsKeys.versions(id),
    enabled,
    queryFn: () => api.get<SummaryVersion[]>(`/api/reports/summaries/${id}/versions`),
  });
}

export function useVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: reportsKeys.version(id, version ?? 0),
    enabled: version != null,
    queryFn: () =>
      api.get<{ version: number; status: SummaryStatus; action: string; createdAt: string; content: SummaryContent }>(
        `/api/reports/summaries/${id}/versions/${version}`,
      ),
  });
}

/** Every summary mutation answers with the summary: the cache takes it, and its lists and notices refresh. */
function useSummaryMutation<V>(fn: (v: V) => Promise<SummaryOut>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (s) => {
      qc.setQueryData(reportsKeys.summary(s.id), s);
      qc.invalidateQueries({ queryKey: [...reportsKeys.all, 'summaries'] });
      qc.invalidateQueries({ queryKey: reportsKeys.moved(s.id) });
      qc.invalidateQueries({ queryKey: reportsKeys.versions(s.id) });
    },
  });
}

export const useGenerateSummary = () =>
  useSummaryMutation((v: { year: number; org?: string; templateId?: string; overwrite?: boolean }) =>
    api.post<SummaryOut>('/api/reports/summaries/generate', v),
  );
export const useEditParagraph = (id: string) =>
  useSummaryMutation((v: EditParagraph) => api.patch<SummaryOut>(`/api/reports/summaries/${id}/paragraph`, v));
export const useRefreshSummary = (id: string) =>
  useSummaryMutation((version: number) => api.post<SummaryOut>(`/api/reports/summaries/${id}/refresh`, { version }));
export const useFreezeSummary = (id: string) =>
  useSummaryMutation((version: number) => api.post<SummaryOut>(`/api/reports/summaries/${id}/freeze`, { version }));

export function exportUrl(id: string, format: 'docx' | 'md' | 'html', version?: number) {
  return `/api/reports/summaries/${id}/export${qs({ format, version })}`;
}
