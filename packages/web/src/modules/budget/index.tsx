import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { BudgetLinePage } from './pages/BudgetLinePage';
import { BudgetPage } from './pages/BudgetPage';

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
