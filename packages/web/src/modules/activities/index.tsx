import { BookOutlined, CalendarOutlined, NotificationOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const CourseDetailPage = lazyPage(() => import('./pages/CourseDetailPage'), 'CourseDetailPage');
const EventDetailPage = lazyPage(() => import('./pages/EventDetailPage'), 'EventDetailPage');
const EventFormPage = lazyPage(() => import('./pages/EventFormPage'), 'EventFormPage');
const EventsPage = lazyPage(() => import('./pages/EventsPage'), 'EventsPage');
const PublicityPage = lazyPage(() => import('./pages/PublicityPage'), 'PublicityPage');
const TrainingsPage = lazyPage(() => import('./pages/TrainingsPage'), 'TrainingsPage');

export const activitiesWebModule: WebModule = {
  name: 'activities',
  menu: [
    { path: '/activities', zh: '活动登记', en: 'Events', icon: <CalendarOutlined />, anyOf: ['activities.read'], group: 'work' },
    { path: '/trainings', zh: '培训', en: 'Training', icon: <BookOutlined />, anyOf: ['activities.read'], group: 'work' },
    { path: '/publicity', zh: '宣传报道', en: 'Publicity', icon: <NotificationOutlined />, anyOf: ['activities.read'], group: 'work' },
  ],
  routes: [
    { path: '/activities', element: <EventsPage /> },
    { path: '/activities/new', element: <EventFormPage />, anyOf: ['activities.write'] },
    { path: '/activities/:id', element: <EventDetailPage /> },
    { path: '/activities/:id/edit', element: <EventFormPage />, anyOf: ['activities.write'] },
    { path: '/trainings', element: <TrainingsPage /> },
    { path: '/trainings/:id', element: <CourseDetailPage /> },
    { path: '/publicity', element: <PublicityPage /> },
  ],
};
// A generic money field other modules use until it moves to ui/.
