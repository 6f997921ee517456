import type { JinguoModule } from '../module.js';
import { seedIndicatorsDemo } from './indicators.demo.js';
import { createIndicatorsExcel } from './indicators.excel.js';
import { indicatorsFacts, indicatorsSummary } from './indicators.facts.js';
import { registerIndicatorsRoutes } from './indicators.routes.js';
import { createIndicatorsService } from './indicators.service.js';

export const indicatorsModule: JinguoModule = {
  name: 'indicators',
  routes(app, deps) {
    const indicators = createIndicatorsService(deps);
    registerIndicatorsRoutes(app, { indicators, excel: createIndicatorsExcel({ db: deps.db, clock: deps.clock, indicators }) });
  },
  facts: () => indicatorsFacts(),
  summary: indicatorsSummary,
  seedDemo: seedIndicatorsDemo,
};
