import {
  AlertOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileAddOutlined,
  InboxOutlined,
  SolutionOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const AgencyInboxPage = lazyPage(() => import('./pages/AgencyInboxPage'), 'AgencyInboxPage');
const AgencyReferralPage = lazyPage(() => import('./pages/AgencyReferralPage'), 'AgencyReferralPage');
const CaseDetailPage = lazyPage(() => import('./pages/CaseDetailPage'), 'CaseDetailPage');
const CaseListPage = lazyPage(() => import('./pages/CaseListPage'), 'CaseListPage');
const CaseSettingsPage = lazyPage(() => import('./pages/CaseSettingsPage'), 'CaseSettingsPage');
const CasePrintPage = lazyPage(() => import('./pages/CasePrintPage'), 'CasePrintPage');
const CaseStatsPage = lazyPage(() => import('./pages/CaseStatsPage'), 'CaseStatsPage');
const HolidaysPage = lazyPage(() => import('./pages/HolidaysPage'), 'HolidaysPage');
const NewCasePage = lazyPage(() => import('./pages/NewCasePage'), 'NewCasePage');
const OverduePage = lazyPage(() => import('./pages/OverduePage'), 'OverduePage');
const PublicReferralPage = lazyPage(() => import('./pages/PublicReferralPage'), 'PublicReferralPage');
const ReferralLetterPage = lazyPage(() => import('./pages/ReferralLetterPage'), 'ReferralLetterPage');

export const casesWebModule: WebModule = {
  name: 'cases',
  menu: [
    // Not named like its group (信访维权): the list of the petitions themselves.
    { path: '/cases', zh: '信访事项', en: 'Petitions', icon: <SolutionOutlined />, anyOf: ['cases.read'], group: 'rights' },
    {
      path: '/cases-new',
      zh: '登记来信来访',
      en: 'Register a petition',
      icon: <FileAddOutlined />,
      anyOf: ['cases.write'],
      group: 'rights',
    },
    { path: '/cases-overdue', zh: '超期督办', en: 'Overdue board', icon: <AlertOutlined />, anyOf: ['cases.read'], group: 'rights' },
    { path: '/cases-stats', zh: '维权统计', en: 'Casework figures', icon: <BarChartOutlined />, anyOf: ['cases.read'], group: 'rights' },
    { path: '/agency', zh: '转介收件箱', en: 'Referral inbox', icon: <InboxOutlined />, anyOf: ['referrals.respond'] },
    {
      path: '/settings/holidays',
      zh: '节假日安排',
      en: 'Holiday calendar',
      icon: <CalendarOutlined />,
      anyOf: ['settings.manage'],
      group: 'system',
    },
    {
      path: '/settings/casework',
      zh: '维权设置',
      en: 'Casework lists',
      icon: <TagsOutlined />,
      anyOf: ['settings.manage'],
      group: 'system',
    },
  ],
  routes: [
    { path: '/cases', element: <CaseListPage /> },
    { path: '/cases-new', element: <NewCasePage /> },
    { path: '/cases/new', element: <NewCasePage />, anyOf: ['cases.write'] },
    { path: '/cases-overdue', element: <OverduePage /> },
    { path: '/cases-stats', element: <CaseStatsPage /> },
    { path: '/cases/:id', element: <CaseDetailPage /> },
    { path: '/agency', element: <AgencyInboxPage /> },
    { path: '/agency/referrals/:id', element: <AgencyReferralPage /> },
    { path: '/settings/holidays', element: <HolidaysPage /> },
    { path: '/settings/casework', element: <CaseSettingsPage /> },
  ],
  bareRoutes: [
    { path: '/print/cases/:id', element: <CasePrintPage />, anyOf: ['cases.read'] },
    // Issuing a letter is a write: it replaces the previous letter's one-time link.
    { path: '/print/referrals/:id', element: <ReferralLetterPage />, anyOf: ['cases.write'] },
  ],
  publicRoutes: [{ path: '/r/:token', element: <PublicReferralPage /> }],
};
