import { AccountBookOutlined, BarChartOutlined, GiftOutlined, SendOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const AccountsPage = lazyPage(() => import('./pages/AccountsPage'), 'AccountsPage');
const DisbursementsPage = lazyPage(() => import('./pages/DisbursementsPage'), 'DisbursementsPage');
const DonationsPage = lazyPage(() => import('./pages/DonationsPage'), 'DonationsPage');
const FundReportsPage = lazyPage(() => import('./pages/FundReportsPage'), 'FundReportsPage');
const ReceiptPage = lazyPage(() => import('./pages/ReceiptPage'), 'ReceiptPage');
const TracePage = lazyPage(() => import('./pages/TracePage'), 'TracePage');

export const fundsWebModule: WebModule = {
  name: 'funds',
  menu: [
    { path: '/funds', zh: '资金台账', en: 'Fund ledger', icon: <AccountBookOutlined />, anyOf: ['funds.read'], group: 'funds' },
    { path: '/funds/donations', zh: '捐赠与拨款', en: 'Donations', icon: <GiftOutlined />, anyOf: ['funds.read'], group: 'funds' },
    { path: '/funds/disbursements', zh: '拨付记录', en: 'Payments out', icon: <SendOutlined />, anyOf: ['funds.read'], group: 'funds' },
    {
      path: '/funds/reports',
      zh: '救助与资金报表',
      en: 'Relief & fund reports',
      icon: <BarChartOutlined />,
      anyOf: ['funds.read'],
      group: 'funds',
    },
  ],
  routes: [
    { path: '/funds', element: <AccountsPage /> },
    { path: '/funds/donations', element: <DonationsPage /> },
    { path: '/funds/donations/:id/receipt', element: <ReceiptPage /> },
    { path: '/funds/donations/:id/trace', element: <TracePage /> },
    { path: '/funds/disbursements', element: <DisbursementsPage /> },
    { path: '/funds/reports', element: <FundReportsPage /> },
  ],
};

// Generic money inputs for forms elsewhere (they move to ui/ in the parallel refactor).
