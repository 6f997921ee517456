import type { WebModule } from '../registry';

export const associationsWebModule: WebModule = { name: 'associations', menu: [], routes: [] };
