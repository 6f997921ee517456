import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Association, AssociationMember, AssociationMemberInput, CreateAssociation, Page } from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const associationKeys = {
  all: ['associations'] as const,
  list: () => [...associationKeys.all, 'list'] as const,
  one: (id: string) => [...associationKeys.all, 'one', id] as const,
  members: (id: string, f: Record<string, unknown>, page: number) => [...associationKeys.all, 'members', id, f, page] as const,
};

export const useAssociations = () =>
  useQuery({ queryKey: associationKeys.list(), queryFn: () => api.get<Association[]>('/api/associations') });
export const useAssociation = (id: string) =>
  useQuery({ queryKey: associationKeys.one(id), queryFn: () => api.get<Association>(`/api/associations/${id}`) });
export const useMembers = (id: string, f: Record<string, unknown>, page: number) =>
  useQuery({
    queryKey: associationKeys.members(id, f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<AssociationMember>>(`/api/associations/${id}/members${qs({ ...f, page, pageSize: 20 })}`),
  });

export function useAssociationsMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: associationKeys.all });
  return {
    refresh: onSuccess,
    create: useMutation({ mutationFn: (a: CreateAssociation) => api.post<Association>('/api/associations', a), onSuccess }),
    addMember: useMutation({
      mutationFn: ({ id, ...m }: AssociationMemberInput & { id: string }) =>
        api.post<AssociationMember>(`/api/associations/${id}/members`, m),
      onSuccess,
    }),
    updateMember: useMutation({
      mutationFn: ({ id, memberId, ...m }: AssociationMemberInput & { id: string; memberId: string }) =>
        api.put<AssociationMember>(`/api/associations/${id}/members/${memberId}`, m),
      onSuccess,
    }),
  };
}
