import type { WebModule } from '../registry';

export const peopleWebModule: WebModule = { name: 'people', menu: [], routes: [] };
