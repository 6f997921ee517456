import { ReadOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { SponsorshipPage } from './pages/SponsorshipPage';

export const sponsorshipWebModule: WebModule = {
  name: 'sponsorship',
  menu: [{ path: '/sponsorship', zh: '春蕾计划', en: 'Spring Bud', icon: <ReadOutlined />, anyOf: ['sponsorship.read'], group: 'relief' }],
  routes: [{ path: '/sponsorship', element: <SponsorshipPage /> }],
};
