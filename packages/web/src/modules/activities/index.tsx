import type { WebModule } from '../registry';

export const activitiesWebModule: WebModule = { name: 'activities', menu: [], routes: [] };
