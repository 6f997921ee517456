import type { WebModule } from '../registry';

export const reliefWebModule: WebModule = { name: 'relief', menu: [], routes: [] };
