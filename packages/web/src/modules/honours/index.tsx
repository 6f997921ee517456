import type { WebModule } from '../registry';

export const honoursWebModule: WebModule = { name: 'honours', menu: [], routes: [] };
