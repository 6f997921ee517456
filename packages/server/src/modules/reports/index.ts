import type { JinguoModule } from '../module.js';
import { reportSummaryCommand } from './reports.cli.js';
import { registerReportsRoutes } from './reports.routes.js';
import { createReportsService } from './reports.service.js';

/** Facts API, dashboard and the annual summary; it reads every module's facts and summary blocks. */
export const reportsModule: JinguoModule = {
  name: 'reports',
  routes(app, deps) {
    registerReportsRoutes(
      app,
      createReportsService({ db: deps.db, dialect: deps.dialect, clock: deps.clock, facts: deps.facts, log: app.log, reads: deps.reads }),
    );
  },
  commands: [reportSummaryCommand],
};
