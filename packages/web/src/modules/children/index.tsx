import { SmileOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { ChildPage } from './pages/ChildPage';
import { ChildrenPage } from './pages/ChildrenPage';

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
