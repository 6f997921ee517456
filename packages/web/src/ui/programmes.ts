import { useQuery } from '@tanstack/react-query';
import type { ApplicationListItem, Programme } from '@jinguo/domain';
import { useMemo } from 'react';
import { api } from '../app/api';

// The programmes money is earmarked for, kept by relief and named on the ledger's pages, and what the ledger shows of
// a beneficiary's relief applications: shared here so the ledger (funds) does not import relief — relief pays through
// the ledger, as on the server. The keys sit under relief's, so relief's invalidations refresh them.

export const programmeKeys = {
  all: ['relief', 'programmes'] as const,
  person: (id: string) => ['relief', 'person', id] as const,
};

export const useProgrammes = () =>
  useQuery({ queryKey: programmeKeys.all, queryFn: () => api.get<Programme[]>('/api/relief/programmes'), staleTime: 60_000 });

/** Programme code → name, for labels on ledger pages. */
export function useProgrammeNames(): Map<string, string> {
  const { data } = useProgrammes();
  return useMemo(() => new Map((data ?? []).map((p) => [p.code, p.name])), [data]);
}

export const usePersonApplications = (id: string | null) =>
  useQuery({
    queryKey: programmeKeys.person(id ?? ''),
    enabled: !!id,
    queryFn: () =>
      api.get<(ApplicationListItem & { paidOn: string | null; rejectReason: string | null })[]>(`/api/relief/persons/${id}/applications`),
  });
