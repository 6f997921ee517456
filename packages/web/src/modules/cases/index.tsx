import type { WebModule } from '../registry';

export const casesWebModule: WebModule = { name: 'cases', menu: [], routes: [] };
