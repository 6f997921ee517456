import type { JinguoModule } from '../module.js';

export const fundsModule: JinguoModule = { name: 'funds' };
