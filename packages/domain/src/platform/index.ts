export * from './permissions.js';
export * from './auth.js';
export * from './settings.js';
export * from './audit.js';
