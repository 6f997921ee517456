import type { JinguoModule } from '../module.js';

export const sponsorshipModule: JinguoModule = { name: 'sponsorship' };
