import {
  AlertOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileAddOutlined,
  InboxOutlined,
  SolutionOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../registry';
import { AgencyInboxPage } from './pages/AgencyInboxPage';
import { AgencyReferralPage } from './pages/AgencyReferralPage';
import { CaseDetailPage } from './pages/CaseDetailPage';
import { CaseListPage } from './pages/CaseListPage';
import { CaseSettingsPage } from './pages/CaseSettingsPage';
import { CasePrintPage } from './pages/CasePrintPage';
import { CaseStatsPage } from './pages/CaseStatsPage';
import { HolidaysPage } from './pages/HolidaysPage';
import { NewCasePage } from './pages/NewCasePage';
import { OverduePage } from './pages/OverduePage';
import { PublicReferralPage } from './pages/PublicReferralPage';
import { ReferralLetterPage } from './pages/ReferralLetterPage';

export const casesWebModule: WebModule = {
  name: 'cases',
  menu: [
    { path: '/cases', zh: '信访维权', en: 'Rights cases', icon: <SolutionOutlined />, anyOf: ['cases.read'], group: 'rights' },
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
    { path: '/cases/new', element: <NewCasePage /> },
    { path: '/cases-overdue', element: <OverduePage /> },
    { path: '/cases-stats', element: <CaseStatsPage /> },
    { path: '/cases/:id', element: <CaseDetailPage /> },
    { path: '/agency', element: <AgencyInboxPage /> },
    { path: '/agency/referrals/:id', element: <AgencyReferralPage /> },
    { path: '/settings/holidays', element: <HolidaysPage /> },
    { path: '/settings/casework', element: <CaseSettingsPage /> },
  ],
  bareRoutes: [
    { path: '/print/cases/:id', element: <CasePrintPage /> },
    { path: '/print/referrals/:id', element: <ReferralLetterPage /> },
  ],
  publicRoutes: [{ path: '/r/:token', element: <PublicReferralPage /> }],
};
