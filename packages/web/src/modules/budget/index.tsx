import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const BudgetLinePage = lazyPage(() => import('./pages/BudgetLinePage'), 'BudgetLinePage');
const BudgetPage = lazyPage(() => import('./pages/BudgetPage'), 'BudgetPage');

export const budgetWebModule: WebModule = {
  name: 'budget',
  menu: [
    {
      path: '/budget',
      zh: '妇儿工委经费',
      en: 'Committee budget',
      icon: <FundProjectionScreenOutlined />,
      anyOf: ['budget.read'],
      group: 'funds',
    },
  ],
  routes: [
    { path: '/budget', element: <BudgetPage /> },
    { path: '/budget/lines/:id', element: <BudgetLinePage /> },
  ],
};
