import type { JinguoModule } from '../module.js';

export const activitiesModule: JinguoModule = { name: 'activities' };
