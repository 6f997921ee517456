import type { WebModule } from '../registry';

export const sponsorshipWebModule: WebModule = { name: 'sponsorship', menu: [], routes: [] };
