import type { JinguoModule } from '../module.js';

export const reportsModule: JinguoModule = { name: 'reports' };
