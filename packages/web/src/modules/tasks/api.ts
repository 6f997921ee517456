import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateNotice,
  CreateTask,
  ForwardTask,
  MergedResult,
  NoticeDetail,
  NoticeListItem,
  Page,
  TaskAnswer,
  TaskDetail,
  TaskListItem,
  TaskValues,
} from '@jinguo/domain';
import { api, qs } from '../../app/api';

export const tasksKeys = {
  all: ['tasks'] as const,
  list: (box: string, page: number) => [...tasksKeys.all, 'list', box, page] as const,
  detail: (id: string) => [...tasksKeys.all, 'detail', id] as const,
  answer: (id: string, answerId: string) => [...tasksKeys.all, 'answer', id, answerId] as const,
  merged: (id: string) => [...tasksKeys.all, 'merged', id] as const,
  notices: ['notices'] as const,
  noticeList: (box: string, page: number) => ['notices', 'list', box, page] as const,
  notice: (id: string) => ['notices', 'detail', id] as const,
};

export const useTaskList = (box: 'sent' | 'received', page: number) =>
  useQuery({
    queryKey: tasksKeys.list(box, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<TaskListItem>>(`/api/tasks${qs({ box, page, pageSize: 20 })}`),
  });
export const useTask = (id: string) => useQuery({ queryKey: tasksKeys.detail(id), queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`) });
export const useAnswer = (id: string, answerId: string) =>
  useQuery({ queryKey: tasksKeys.answer(id, answerId), queryFn: () => api.get<TaskAnswer>(`/api/tasks/${id}/answers/${answerId}`) });
export const useMerged = (id: string) =>
  useQuery({ queryKey: tasksKeys.merged(id), queryFn: () => api.get<MergedResult>(`/api/tasks/${id}/merged`) });

export function useTasksMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: tasksKeys.all });
  const answer = (id: string, answerId: string) => `/api/tasks/${id}/answers/${answerId}`;
  type Ref = { id: string; answerId: string };
  return {
    refresh: onSuccess,
    create: useMutation({ mutationFn: (b: CreateTask) => api.post<TaskDetail>('/api/tasks', b), onSuccess }),
    save: useMutation({
      mutationFn: ({ id, answerId, values }: Ref & { values: TaskValues }) => api.put<TaskAnswer>(answer(id, answerId), { values }),
      onSuccess,
    }),
    submit: useMutation({
      mutationFn: ({ id, answerId, values }: Ref & { values?: TaskValues }) =>
        api.post<TaskAnswer>(`${answer(id, answerId)}/submit`, values ? { values } : {}),
      onSuccess,
    }),
    giveBack: useMutation({
      mutationFn: ({ id, answerId, reason }: Ref & { reason: string }) =>
        api.post<TaskAnswer>(`${answer(id, answerId)}/return`, { reason }),
      onSuccess,
    }),
    approve: useMutation({
      mutationFn: ({ id, answerId }: Ref) => api.post<TaskAnswer>(`${answer(id, answerId)}/approve`, {}),
      onSuccess,
    }),
    forward: useMutation({
      mutationFn: ({ id, answerId, ...b }: Ref & ForwardTask) => api.post<TaskDetail>(`${answer(id, answerId)}/forward`, b),
      onSuccess,
    }),
    merge: useMutation({ mutationFn: ({ id, answerId }: Ref) => api.post<TaskAnswer>(`${answer(id, answerId)}/merge`), onSuccess }),
    attach: useMutation({
      mutationFn: ({ id, file }: { id: string; file: File }) => {
        const form = new FormData();
        form.append('file', file);
        return api.upload<TaskDetail>(`/api/tasks/${id}/attachments`, form);
      },
      onSuccess,
    }),
  };
}

export const useNoticeList = (box: 'sent' | 'received', page: number) =>
  useQuery({
    queryKey: tasksKeys.noticeList(box, page),
    placeholderData: keepPreviousData,
    queryFn: () => api.get<Page<NoticeListItem>>(`/api/notices${qs({ box, page, pageSize: 20 })}`),
  });
export const useNotice = (id: string) =>
  useQuery({ queryKey: tasksKeys.notice(id), queryFn: () => api.get<NoticeDetail>(`/api/notices/${id}`) });

export function useNoticesMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: tasksKeys.notices });
  return {
    create: useMutation({ mutationFn: (b: CreateNotice) => api.post<NoticeDetail>('/api/notices', b), onSuccess }),
    markRead: useMutation({ mutationFn: (id: string) => api.post<NoticeDetail>(`/api/notices/${id}/read`), onSuccess }),
    attach: useMutation({
      mutationFn: ({ id, file }: { id: string; file: File }) => {
        const form = new FormData();
        form.append('file', file);
        return api.upload<NoticeDetail>(`/api/notices/${id}/attachments`, form);
      },
      onSuccess,
    }),
  };
}
