export * from './common/index.js';
export * from './platform/index.js';
export * from './org/index.js';
