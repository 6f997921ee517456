import { BookOutlined, CalendarOutlined, NotificationOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { CourseDetailPage } from './pages/CourseDetailPage';
import { EventDetailPage } from './pages/EventDetailPage';
import { EventFormPage } from './pages/EventFormPage';
import { EventsPage } from './pages/EventsPage';
import { PublicityPage } from './pages/PublicityPage';
import { TrainingsPage } from './pages/TrainingsPage';

export const activitiesWebModule: WebModule = {
  name: 'activities',
  menu: [
    { path: '/activities', zh: '活动登记', en: 'Events', icon: <CalendarOutlined />, anyOf: ['activities.read'], group: 'work' },
    { path: '/trainings', zh: '培训', en: 'Training', icon: <BookOutlined />, anyOf: ['activities.read'], group: 'work' },
    { path: '/publicity', zh: '宣传报道', en: 'Publicity', icon: <NotificationOutlined />, anyOf: ['activities.read'], group: 'work' },
  ],
  routes: [
    { path: '/activities', element: <EventsPage /> },
    { path: '/activities/new', element: <EventFormPage /> },
    { path: '/activities/:id', element: <EventDetailPage /> },
    { path: '/activities/:id/edit', element: <EventFormPage /> },
    { path: '/trainings', element: <TrainingsPage /> },
    { path: '/trainings/:id', element: <CourseDetailPage /> },
    { path: '/publicity', element: <PublicityPage /> },
  ],
};
// A generic money field other modules use until it moves to ui/.
export { YuanInput } from './components/YuanInput';
