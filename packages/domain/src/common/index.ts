export * from './ids.js';
export * from './money.js';
export * from './dates.js';
export * from './id-number.js';
export * from './credit-code.js';
export * from './phone.js';
export * from './masking.js';
export * from './schemas.js';
