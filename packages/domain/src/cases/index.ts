// Schemas, literal unions and pure rules of the cases module, shared by server and web.
export * from './calendar.js';
export * from './risk.js';
export * from './workflow.js';
export * from './schemas.js';
