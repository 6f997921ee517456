import type { JinguoModule } from '../module.js';

export const peopleModule: JinguoModule = { name: 'people' };
