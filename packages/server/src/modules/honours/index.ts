import type { JinguoModule } from '../module.js';

export const honoursModule: JinguoModule = { name: 'honours' };
