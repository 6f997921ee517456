import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateStudent, DuePayment, Meeting, Pairing, Sponsor, Student, TermPayment } from '@jinguo/domain';
import type { Keyed } from '../../ui/idempotency';
import { api, qs } from '../../app/api';
import { fundsKeys } from '../funds/public';

/** Query keys of 春蕾; payments also invalidate the ledger. */
export const sponsorshipKeys = {
  all: ['sponsorship'] as const,
  students: (p: Record<string, unknown>) => [...sponsorshipKeys.all, 'students', p] as const,
  sponsors: () => [...sponsorshipKeys.all, 'sponsors'] as const,
  pairings: () => [...sponsorshipKeys.all, 'pairings'] as const,
  due: () => [...sponsorshipKeys.all, 'due'] as const,
  payments: () => [...sponsorshipKeys.all, 'payments'] as const,
  meetings: () => [...sponsorshipKeys.all, 'meetings'] as const,
};

export const useStudents = (p: { status?: string; q?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: sponsorshipKeys.students(p),
    queryFn: () => api.get<{ items: Student[]; total: number }>(`/api/sponsorship/students${qs(p)}`),
  });
export const useSponsors = () =>
  useQuery({ queryKey: sponsorshipKeys.sponsors(), queryFn: () => api.get<Sponsor[]>('/api/sponsorship/sponsors') });
export const usePairings = () =>
  useQuery({ queryKey: sponsorshipKeys.pairings(), queryFn: () => api.get<Pairing[]>('/api/sponsorship/pairings') });
export const useDue = () =>
  useQuery({ queryKey: sponsorshipKeys.due(), queryFn: () => api.get<DuePayment[]>('/api/sponsorship/payments/due') });
export const usePayments = () =>
  useQuery({ queryKey: sponsorshipKeys.payments(), queryFn: () => api.get<TermPayment[]>('/api/sponsorship/payments') });
export const useMeetings = () =>
  useQuery({ queryKey: sponsorshipKeys.meetings(), queryFn: () => api.get<Meeting[]>('/api/sponsorship/meetings') });

export function useSponsorshipMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: sponsorshipKeys.all });
    void qc.invalidateQueries({ queryKey: fundsKeys.all });
  };
  return {
    createStudent: useMutation({
      mutationFn: (input: CreateStudent) => api.post<Student>('/api/sponsorship/students', input),
      onSuccess: refresh,
    }),
    setStatus: useMutation({
      mutationFn: ({ id, status, reason }: { id: string; status: string; reason: string }) =>
        api.post<Student>(`/api/sponsorship/students/${id}/status`, { status, reason }),
      onSuccess: refresh,
    }),
    createSponsor: useMutation({
      mutationFn: (input: {
        kind: 'person' | 'organisation';
        name: string;
        creditCode?: string | null;
        phone?: string | null;
        note?: string | null;
      }) => api.post<Sponsor>('/api/sponsorship/sponsors', input),
      onSuccess: refresh,
    }),
    createPairing: useMutation({
      mutationFn: (input: {
        studentId: string;
        sponsorId: string;
        startTerm: string;
        endTerm: string;
        amountPerTermFen: number;
        note?: string | null;
      }) => api.post<Pairing>('/api/sponsorship/pairings', input),
      onSuccess: refresh,
    }),
    endPairing: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<Pairing>(`/api/sponsorship/pairings/${id}/end`, { reason }),
      onSuccess: refresh,
    }),
    pay: useMutation({
      mutationFn: ({
        pairingId,
        idempotencyKey,
        ...body
      }: {
        pairingId: string;
        term: string;
        paidOn: string;
        approvedBy: string;
        method: 'cash' | 'bank_transfer';
        bankCard?: string | null;
      } & Keyed) => api.post<TermPayment>(`/api/sponsorship/pairings/${pairingId}/payments`, body, { idempotencyKey }),
      onSuccess: refresh,
    }),
    reversePayment: useMutation({
      mutationFn: ({ id, reason, idempotencyKey }: { id: string; reason: string } & Keyed) =>
        api.post<TermPayment>(`/api/sponsorship/payments/${id}/reverse`, { reason }, { idempotencyKey }),
      onSuccess: refresh,
    }),
    createMeeting: useMutation({
      mutationFn: (input: {
        title: string;
        heldOn: string;
        place: string;
        attendees: number;
        pairingIds: string[];
        note?: string | null;
      }) => api.post<Meeting>('/api/sponsorship/meetings', input),
      onSuccess: refresh,
    }),
  };
}
