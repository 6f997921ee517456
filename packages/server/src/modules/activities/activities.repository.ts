// Activities' queries (the only Kysely for its tables), one file per concern; callers import them all from here.
export * from './activities.events.repository.js';
export * from './activities.training.repository.js';
export * from './activities.publicity.repository.js';
