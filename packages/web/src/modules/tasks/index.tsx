import { NotificationOutlined, SendOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const TasksPage = lazyPage(() => import('./pages/TasksPage'), 'TasksPage');
const TaskCreatePage = lazyPage(() => import('./pages/TaskCreatePage'), 'TaskCreatePage');
const TaskDetailPage = lazyPage(() => import('./pages/TaskDetailPage'), 'TaskDetailPage');
const AnswerPage = lazyPage(() => import('./pages/AnswerPage'), 'AnswerPage');
const MergedPage = lazyPage(() => import('./pages/MergedPage'), 'MergedPage');
const NoticesPage = lazyPage(() => import('./pages/NoticesPage'), 'NoticesPage');
const NoticeDetailPage = lazyPage(() => import('./pages/NoticeDetailPage'), 'NoticeDetailPage');

/** 任务下发 and 通知公告: work sent down the tree, answered and merged back up. */
export const tasksWebModule: WebModule = {
  name: 'tasks',
  menu: [
    { path: '/tasks', zh: '任务下发', en: 'Tasks', icon: <SendOutlined />, anyOf: ['tasks.read'], group: 'reports' },
    { path: '/notices', zh: '通知公告', en: 'Notices', icon: <NotificationOutlined />, anyOf: ['tasks.read'], group: 'reports' },
  ],
  routes: [
    { path: '/tasks', element: <TasksPage /> },
    { path: '/tasks/new', element: <TaskCreatePage />, anyOf: ['tasks.write'] },
    { path: '/tasks/:id', element: <TaskDetailPage /> },
    { path: '/tasks/:id/merged', element: <MergedPage /> },
    { path: '/tasks/:id/answers/:answerId', element: <AnswerPage /> },
    { path: '/notices', element: <NoticesPage /> },
    { path: '/notices/:id', element: <NoticeDetailPage /> },
  ],
};
