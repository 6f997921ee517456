import { AccountBookOutlined, BarChartOutlined, GiftOutlined, SendOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { AccountsPage } from './pages/AccountsPage';
import { DisbursementsPage } from './pages/DisbursementsPage';
import { DonationsPage } from './pages/DonationsPage';
import { FundReportsPage } from './pages/FundReportsPage';
import { ReceiptPage } from './pages/ReceiptPage';
import { TracePage } from './pages/TracePage';

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
export { toFen, YuanInput, yuanRule } from './components/money';
