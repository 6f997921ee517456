import { ReadOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const SponsorshipPage = lazyPage(() => import('./pages/SponsorshipPage'), 'SponsorshipPage');

export const sponsorshipWebModule: WebModule = {
  name: 'sponsorship',
  menu: [{ path: '/sponsorship', zh: '春蕾计划', en: 'Spring Bud', icon: <ReadOutlined />, anyOf: ['sponsorship.read'], group: 'relief' }],
  routes: [{ path: '/sponsorship', element: <SponsorshipPage /> }],
};
