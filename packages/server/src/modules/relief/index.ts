import type { JinguoModule } from '../module.js';

export const reliefModule: JinguoModule = { name: 'relief' };
