import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgencyType, OrgKind, OrgLevel, OrgUnit, Page, Role, User } from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type OrgUnitDetail = OrgUnit & { ancestors: { id: string; name: string }[]; canManage: boolean };
export type UsersPage = Page<User>;
export type CreatedUser = { user: User; initialPassword: string };

/** Query keys of the org module (units, users): mutations invalidate by these. */
export const orgKeys = {
  all: ['org'] as const,
  roots: () => [...orgKeys.all, 'roots'] as const,
  children: (parentId: string) => [...orgKeys.all, 'children', parentId] as const,
  unit: (id: string) => [...orgKeys.all, 'unit', id] as const,
  search: (q: string, kind?: OrgKind[], activeOnly?: boolean) =>
    [...orgKeys.all, 'search', q, kind?.join(',') ?? '', !!activeOnly] as const,
};

export const usersKeys = {
  all: ['users'] as const,
  list: (q: string, page: number, pageSize: number) => [...usersKeys.all, 'list', q, page, pageSize] as const,
};

export const fetchOrgChildren = (parentId: string) => api.get<OrgUnit[]>(`/api/org/units${qs({ parentId })}`);
export const searchOrgUnits = (q: string, kind?: OrgKind[], activeOnly?: boolean, limit = 50) =>
  api.get<OrgUnit[]>(`/api/org/units${qs({ q, kind, activeOnly: activeOnly ? 'true' : undefined, limit })}`);

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots(), queryFn: () => api.get<OrgUnit[]>('/api/org/roots') });
}

export function useOrgUnit(id: string | null) {
  return useQuery({ queryKey: orgKeys.unit(id ?? ''), enabled: !!id, queryFn: () => api.get<OrgUnitDetail>(`/api/org/units/${id}`) });
}

export function useOrgSearch(q: string, kind?: OrgKind[], activeOnly?: boolean) {
  return useQuery({
    queryKey: orgKeys.search(q, kind, activeOnly),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: () => searchOrgUnits(q.trim(), kind, activeOnly),
  });
}

export type OrgUnitInput = {
  name: string;
  kind: OrgKind;
  level?: OrgLevel | null;
  code?: string | null;
  agencyType?: AgencyType | null;
  sortOrder?: number;
};

/** Unit writes; each refreshes every org query (trees, details, searches) since a change can move a node anywhere. */
export function useOrgMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: orgKeys.all });
  const opts = { onSuccess: refresh };
  return {
    create: useMutation({
      mutationFn: (input: OrgUnitInput & { parentId: string }) => api.post<OrgUnit>('/api/org/units', input),
      ...opts,
    }),
    update: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the unit meanwhile).
      mutationFn: ({ id, ifMatch, ...patch }: Partial<OrgUnitInput> & { id: string; ifMatch?: number }) =>
        api.patch<OrgUnit>(`/api/org/units/${id}`, patch, { ifMatch }),
      ...opts,
    }),
    move: useMutation({
      mutationFn: ({ id, parentId, code }: { id: string; parentId: string; code?: string | null }) =>
        api.post<OrgUnit>(`/api/org/units/${id}/move`, { parentId, ...(code !== undefined && { code }) }),
      ...opts,
    }),
    setActive: useMutation({
      mutationFn: ({ id, active }: { id: string; active: boolean }) =>
        api.post<OrgUnit>(`/api/org/units/${id}/${active ? 'activate' : 'deactivate'}`),
      ...opts,
    }),
  };
}

export function useUsers(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: usersKeys.list(q, page, pageSize),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<UsersPage>(`/api/users${qs({ q: q.trim(), page, pageSize })}`),
  });
}

/** Account and role writes (三员分立: the server decides who may call which). */
export function useUserMutations() {
  const qc = useQueryClient();
  const opts = { onSuccess: () => qc.invalidateQueries({ queryKey: usersKeys.all }) };
  return {
    create: useMutation({
      mutationFn: (input: { username: string; displayName: string; orgUnitId: string }) => api.post<CreatedUser>('/api/users', input),
      ...opts,
    }),
    update: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the account meanwhile).
      mutationFn: ({
        id,
        ifMatch,
        ...patch
      }: {
        id: string;
        displayName?: string;
        orgUnitId?: string;
        active?: boolean;
        ifMatch?: number;
      }) => api.patch<User>(`/api/users/${id}`, patch, { ifMatch }),
      ...opts,
    }),
    resetPassword: useMutation({
      mutationFn: (id: string) => api.post<{ initialPassword: string }>(`/api/users/${id}/reset-password`),
      ...opts,
    }),
    unlock: useMutation({ mutationFn: (id: string) => api.post<User>(`/api/users/${id}/unlock`), ...opts }),
    /** The security admin clears a lost second factor; the user binds a new one at the next sign-in. */
    resetSecondFactor: useMutation({ mutationFn: (id: string) => api.post<User>(`/api/users/${id}/reset-second-factor`), ...opts }),
    assignRole: useMutation({
      mutationFn: ({ id, role, orgUnitId }: { id: string; role: Role; orgUnitId: string }) =>
        api.post<User>(`/api/users/${id}/roles`, { role, orgUnitId }),
      ...opts,
    }),
    revokeRole: useMutation({
      mutationFn: ({ id, assignmentId }: { id: string; assignmentId: string }) =>
        api.delete<User>(`/api/users/${id}/roles/${assignmentId}`),
      ...opts,
    }),
  };
}
