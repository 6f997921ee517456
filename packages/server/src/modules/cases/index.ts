import type { JinguoModule } from '../module.js';

export const casesModule: JinguoModule = { name: 'cases' };
