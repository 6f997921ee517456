import { SmileOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const ChildPage = lazyPage(() => import('./pages/ChildPage'), 'ChildPage');
const ChildrenPage = lazyPage(() => import('./pages/ChildrenPage'), 'ChildrenPage');

export const childrenWebModule: WebModule = {
  name: 'children',
  menu: [
    {
      path: '/children',
      zh: '关爱留守儿童',
      en: 'Left-behind children',
      icon: <SmileOutlined />,
      anyOf: ['children.read'],
      group: 'relief',
    },
  ],
  routes: [
    { path: '/children', element: <ChildrenPage /> },
    { path: '/children/:id', element: <ChildPage /> },
  ],
};
