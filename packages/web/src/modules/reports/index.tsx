import type { WebModule } from '../registry';

export const reportsWebModule: WebModule = { name: 'reports', menu: [], routes: [] };
