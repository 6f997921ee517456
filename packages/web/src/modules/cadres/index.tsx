import type { WebModule } from '../registry';

export const cadresWebModule: WebModule = { name: 'cadres', menu: [], routes: [] };
