import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivityEvent,
  AddParticipant,
  AddTrainee,
  CourseListItem,
  CreateCourse,
  CreateEvent,
  CreatePublicity,
  CreateSession,
  EventListItem,
  EventTotals,
  Participant,
  Publicity,
  Trainee,
  TraineeOutcomeInput,
  TrainingCourse,
  TrainingSession,
  Page,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export type EventFilters = { type?: string; from?: string; to?: string; q?: string; ownerOrgId?: string; associationId?: string };

/** Query keys of the activities module; every mutation invalidates the module's keys. */
export const activityKeys = {
  all: ['activities'] as const,
  events: (f: EventFilters, page: number, pageSize: number) => [...activityKeys.all, 'events', f, page, pageSize] as const,
  totals: (f: EventFilters) => [...activityKeys.all, 'totals', f] as const,
  event: (id: string) => [...activityKeys.all, 'event', id] as const,
  participants: (id: string, page: number) => [...activityKeys.all, 'participants', id, page] as const,
  courses: (f: Record<string, unknown>, page: number) => [...activityKeys.all, 'courses', f, page] as const,
  course: (id: string) => [...activityKeys.all, 'course', id] as const,
  trainees: (sessionId: string) => [...activityKeys.all, 'trainees', sessionId] as const,
  publicity: (f: Record<string, unknown>, page: number) => [...activityKeys.all, 'publicity', f, page] as const,
};

export function useEvents(f: EventFilters, page: number, pageSize = 20) {
  return useQuery({
    queryKey: activityKeys.events(f, page, pageSize),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<EventListItem>>(`/api/activities/events${qs({ ...f, page, pageSize })}`),
  });
}
export function useEventTotals(f: EventFilters) {
  return useQuery({
    queryKey: activityKeys.totals(f),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<EventTotals>(`/api/activities/events/totals${qs(f)}`),
  });
}
export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: activityKeys.event(id ?? ''),
    enabled: !!id,
    queryFn: () => api.get<ActivityEvent>(`/api/activities/events/${id}`),
  });
}
export function useParticipants(id: string, page: number) {
  return useQuery({
    queryKey: activityKeys.participants(id, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Participant>>(`/api/activities/events/${id}/participants${qs({ page, pageSize: 20 })}`),
  });
}
export function useCourses(f: Record<string, unknown>, page: number) {
  return useQuery({
    queryKey: activityKeys.courses(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<CourseListItem>>(`/api/activities/courses${qs({ ...f, page, pageSize: 20 })}`),
  });
}
export function useCourse(id: string) {
  return useQuery({ queryKey: activityKeys.course(id), queryFn: () => api.get<TrainingCourse>(`/api/activities/courses/${id}`) });
}
export function useTrainees(sessionId: string | undefined) {
  return useQuery({
    queryKey: activityKeys.trainees(sessionId ?? ''),
    enabled: !!sessionId,
    queryFn: () => api.get<Trainee[]>(`/api/activities/sessions/${sessionId}/trainees`),
  });
}
export function usePublicity(f: Record<string, unknown>, page: number) {
  return useQuery({
    queryKey: activityKeys.publicity(f, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<Publicity>>(`/api/activities/publicity${qs({ ...f, page, pageSize: 20 })}`),
  });
}

export function useActivitiesMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: activityKeys.all });
  return {
    refresh: onSuccess,
    createEvent: useMutation({ mutationFn: (e: CreateEvent) => api.post<ActivityEvent>('/api/activities/events', e), onSuccess }),
    updateEvent: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the event meanwhile).
      mutationFn: ({ id, ifMatch, ...e }: CreateEvent & { id: string; ifMatch?: number }) =>
        api.put<ActivityEvent>(`/api/activities/events/${id}`, e, { ifMatch }),
      onSuccess,
    }),
    deleteEvent: useMutation({ mutationFn: (id: string) => api.delete(`/api/activities/events/${id}`), onSuccess }),
    addParticipant: useMutation({
      mutationFn: ({ id, ...p }: AddParticipant & { id: string }) =>
        api.post<ActivityEvent>(`/api/activities/events/${id}/participants`, p),
      onSuccess,
    }),
    removeParticipant: useMutation({
      mutationFn: ({ id, participantId }: { id: string; participantId: string }) =>
        api.delete<ActivityEvent>(`/api/activities/events/${id}/participants/${participantId}`),
      onSuccess,
    }),
    uploadPhoto: useMutation({
      mutationFn: ({ id, file, caption }: { id: string; file: File; caption?: string }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return api.upload<ActivityEvent>(`/api/activities/events/${id}/photos${qs({ caption })}`, form);
      },
      onSuccess,
    }),
    deletePhoto: useMutation({
      mutationFn: ({ id, photoId }: { id: string; photoId: string }) =>
        api.delete<ActivityEvent>(`/api/activities/events/${id}/photos/${photoId}`),
      onSuccess,
    }),
    createCourse: useMutation({ mutationFn: (c: CreateCourse) => api.post<TrainingCourse>('/api/activities/courses', c), onSuccess }),
    updateCourse: useMutation({
      // ifMatch: the version the form was filled from (412 if someone changed the course meanwhile).
      mutationFn: ({ id, ifMatch, ...c }: CreateCourse & { id: string; ifMatch?: number }) =>
        api.put<TrainingCourse>(`/api/activities/courses/${id}`, c, { ifMatch }),
      onSuccess,
    }),
    createSession: useMutation({
      mutationFn: ({ courseId, ...s }: CreateSession & { courseId: string }) =>
        api.post<TrainingSession>(`/api/activities/courses/${courseId}/sessions`, s),
      onSuccess,
    }),
    updateSession: useMutation({
      mutationFn: ({ id, ...s }: CreateSession & { id: string }) => api.put<TrainingCourse>(`/api/activities/sessions/${id}`, s),
      onSuccess,
    }),
    addTrainee: useMutation({
      mutationFn: ({ sessionId, ...t }: AddTrainee & { sessionId: string }) =>
        api.post<Trainee>(`/api/activities/sessions/${sessionId}/trainees`, t),
      onSuccess,
    }),
    setOutcome: useMutation({
      mutationFn: ({ id, ...o }: TraineeOutcomeInput & { id: string }) => api.put<Trainee>(`/api/activities/trainees/${id}/outcome`, o),
      onSuccess,
    }),
    setAttendance: useMutation({
      mutationFn: ({ id, attended }: { id: string; attended: boolean }) =>
        api.put<Trainee>(`/api/activities/trainees/${id}/attendance`, { attended }),
      onSuccess,
    }),
    removeTrainee: useMutation({ mutationFn: (id: string) => api.delete(`/api/activities/trainees/${id}`), onSuccess }),
    createPublicity: useMutation({ mutationFn: (p: CreatePublicity) => api.post<Publicity>('/api/activities/publicity', p), onSuccess }),
    deletePublicity: useMutation({ mutationFn: (id: string) => api.delete(`/api/activities/publicity/${id}`), onSuccess }),
  };
}
