import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseListItem, CreatePerson, Page, PersonDetail, PersonListItem, PersonReveal, UpdatePerson } from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type PeoplePage = Page<PersonListItem>;
export type Revealed = PersonReveal;

/** Query keys of the person registry; mutations invalidate by these. */
export const peopleKeys = {
  all: ['people'] as const,
  search: (q: string, page: number, pageSize: number, tag?: string) => [...peopleKeys.all, 'search', q, page, pageSize, tag ?? ''] as const,
  person: (id: string) => [...peopleKeys.all, 'person', id] as const,
  duplicates: (id: string) => [...peopleKeys.all, 'duplicates', id] as const,
  tags: () => [...peopleKeys.all, 'tags'] as const,
};

export function usePeople(q: string, page: number, pageSize: number, tag?: string, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.search(q, page, pageSize, tag),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () => api.get<PeoplePage>(`/api/people${qs({ q: q.trim(), page, pageSize, tag })}`),
  });
}

/**
 * The cases a person applied in (her page lists them), asked of the cases API under the cases list's own key, so the
 * cache is shared and a change to a case refreshes it — without the registry importing the cases module (cases uses it).
 */
export function usePersonCases(id: string, enabled: boolean) {
  const f = { applicantId: id };
  return useQuery({
    queryKey: ['cases', 'list', f, 1, 100] as const,
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () => api.get<{ items: CaseListItem[]; total: number }>(`/api/cases${qs({ ...f, page: 1, pageSize: 100 })}`),
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: peopleKeys.person(id), queryFn: () => api.get<PersonDetail>(`/api/people/${id}`) });
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: peopleKeys.duplicates(id),
    enabled,
    queryFn: () => api.get<PersonListItem[]>(`/api/people/${id}/duplicates`),
  });
}

export function usePeopleTags() {
  return useQuery({ queryKey: peopleKeys.tags(), queryFn: () => api.get<string[]>('/api/people/tags'), staleTime: 300_000 });
}

export function usePeopleMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: peopleKeys.all });
  return {
    create: useMutation({
      mutationFn: (input: CreatePerson) => api.post<{ person: PersonDetail; created: boolean }>('/api/people', input),
      onSuccess: refresh,
    }),
    update: useMutation({
      // ifMatch: the version of the record the form was filled from (412 if someone changed it meanwhile).
      mutationFn: ({ id, ifMatch, ...patch }: UpdatePerson & { id: string; ifMatch?: number }) =>
        api.patch<PersonDetail>(`/api/people/${id}`, patch, { ifMatch }),
      onSuccess: refresh,
    }),
    reveal: useMutation({ mutationFn: (id: string) => api.post<Revealed>(`/api/people/${id}/reveal`) }),
    merge: useMutation({
      mutationFn: ({ id, duplicateId, reason }: { id: string; duplicateId: string; reason: string }) =>
        api.post<{ person: PersonDetail; referencesMoved: number }>(`/api/people/${id}/merge`, { duplicateId, reason }),
      onSuccess: refresh,
    }),
    saveTags: useMutation({ mutationFn: (tags: string[]) => api.put<string[]>('/api/people/tags', { tags }), onSuccess: refresh }),
  };
}
