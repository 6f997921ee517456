import type { WebModule } from '../registry';

export const fundsWebModule: WebModule = { name: 'funds', menu: [], routes: [] };
