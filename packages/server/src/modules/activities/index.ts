import path from 'node:path';
import { loadConfig } from '../../config.js';
import type { JinguoModule } from '../module.js';
import { seedActivitiesDemo } from './activities.demo.js';
import { activitiesFacts, activitiesSummary } from './activities.facts.js';
import { registerActivitiesRoutes } from './activities.routes.js';
import { createActivitiesService } from './activities.service.js';

export const activitiesModule: JinguoModule = {
  name: 'activities',
  routes(app, deps) {
    // Photos live under the data directory (JINGUO_DATA_DIR), next to the SQLite file and the key file.
    const filesDir = path.join(loadConfig().dataDir, 'files', 'activities');
    registerActivitiesRoutes(app, { activities: createActivitiesService({ ...deps, filesDir }) });
  },
  facts: () => activitiesFacts(),
  summary: activitiesSummary,
  seedDemo: seedActivitiesDemo,
};

// The front door: what other modules may use of activities.
export { findSession, trainingSessionsView } from './activities.repository.js';
// The training roster as other modules see it (placement: trainings taken, and 二次就业 counted once per person).
export { searchTraineeRecords } from './activities.repository.js';
export { outcomes as traineeOutcomes } from './activities.facts.js';
