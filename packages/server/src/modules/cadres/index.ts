import type { JinguoModule } from '../module.js';

export const cadresModule: JinguoModule = { name: 'cadres' };
