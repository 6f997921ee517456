import type { JinguoModule } from '../module.js';

export const associationsModule: JinguoModule = { name: 'associations' };
